/**
 * Demo data made by code (no real person's data): Chinese names from common
 * surname and given-name characters with their pinyin, departments of an IDC
 * operator, extensions and visits spread over past days. Deterministic for a
 * seed, so tests and benchmarks see the same world.
 */
import type { Appointment, Staff, Visit, VisitCategory, WatchEntry } from './domain/visit';
import { ESCORT_CATEGORIES, VISIT_CATEGORIES } from './domain/visit';
import { residentIdCheckChar } from './id-number';

const SURNAMES: readonly [string, string][] = [
  ['王', 'wang'], ['李', 'li'], ['张', 'zhang'], ['刘', 'liu'], ['陈', 'chen'], ['杨', 'yang'],
  ['赵', 'zhao'], ['黄', 'huang'], ['周', 'zhou'], ['吴', 'wu'], ['徐', 'xu'], ['孙', 'sun'],
  ['胡', 'hu'], ['朱', 'zhu'], ['高', 'gao'], ['林', 'lin'], ['何', 'he'], ['郭', 'guo'],
  ['马', 'ma'], ['罗', 'luo'], ['梁', 'liang'], ['宋', 'song'], ['郑', 'zheng'], ['谢', 'xie'],
  ['韩', 'han'], ['唐', 'tang'], ['冯', 'feng'], ['于', 'yu'], ['董', 'dong'], ['萧', 'xiao'],
  ['欧阳', 'ouyang'], ['司马', 'sima'],
];
const GIVEN: readonly [string, string][] = [
  ['伟', 'wei'], ['芳', 'fang'], ['娜', 'na'], ['敏', 'min'], ['静', 'jing'], ['丽', 'li'],
  ['强', 'qiang'], ['磊', 'lei'], ['军', 'jun'], ['洋', 'yang'], ['勇', 'yong'], ['艳', 'yan'],
  ['杰', 'jie'], ['娟', 'juan'], ['涛', 'tao'], ['明', 'ming'], ['超', 'chao'], ['秀', 'xiu'],
  ['霞', 'xia'], ['平', 'ping'], ['刚', 'gang'], ['桂', 'gui'], ['英', 'ying'], ['华', 'hua'],
  ['建', 'jian'], ['国', 'guo'], ['文', 'wen'], ['辉', 'hui'], ['鹏', 'peng'], ['宇', 'yu'],
  ['晨', 'chen'], ['欣', 'xin'], ['怡', 'yi'], ['浩', 'hao'], ['然', 'ran'], ['婷', 'ting'],
  ['志', 'zhi'], ['海', 'hai'], ['燕', 'yan'], ['峰', 'feng'], ['小', 'xiao'], ['三', 'san'],
];
export const DEPARTMENTS: readonly [string, string][] = [
  ['客户服务部', 'Customer Service'], ['销售部', 'Sales'], ['系统部', 'Systems'],
  ['网络运维部', 'Network Operations'], ['行政部', 'Administration'], ['财务部', 'Finance'],
  ['人力资源部', 'Human Resources'], ['安保部', 'Security'], ['工程部', 'Facilities'],
  ['研发部', 'R&D'],
];
const COMPANIES = [
  '华云数据科技有限公司', '星河网络有限公司', '中联信通股份有限公司', '北辰软件有限公司',
  '顺达快递', '远景建设工程有限公司', '蓝海传媒有限公司', '恒信电子有限公司', 'Acme Hosting Ltd.',
  '金桥物流有限公司', '天元智能设备有限公司', '个人',
];
const PURPOSES: Record<VisitCategory, string[]> = {
  business: ['商务洽谈', '合同签署', '方案交流'],
  interview: ['面试'],
  delivery: ['送货', '快递投递'],
  contractor: ['空调维保', '消防检查', '布线施工'],
  machineRoom: ['服务器上架', '设备巡检', '硬盘更换'],
};

/** mulberry32: a small seeded PRNG, so the same seed gives the same demo world. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;

function personName(rng: Rng): { name: string; pinyin: string; initials: string; nameEn: string } {
  const [s, sp] = pick(rng, SURNAMES);
  const parts = [pick(rng, GIVEN)];
  if (rng() < 0.7) parts.push(pick(rng, GIVEN));
  const given = parts.map((p) => p[0]).join('');
  const givenPy = parts.map((p) => p[1]);
  const initials = [...(sp === 'ouyang' ? 'oy' : sp === 'sima' ? 'sm' : sp[0]!), ...givenPy.map((p) => p[0])].join('');
  const cap = (x: string): string => x[0]!.toUpperCase() + x.slice(1);
  return { name: s + given, pinyin: sp + givenPy.join(''), initials, nameEn: `${cap(sp)} ${cap(givenPy.join(''))}` };
}

function mobile(rng: Rng): string {
  const prefix = pick(rng, ['138', '139', '135', '136', '186', '187', '150', '151', '177', '199']);
  let rest = '';
  for (let i = 0; i < 8; i++) rest += Math.floor(rng() * 10);
  return `+86${prefix}${rest}`;
}

/** A valid-looking resident ID (real check digit) with a made-up area and sequence. */
function residentId(rng: Rng): string {
  const area = pick(rng, ['110105', '310104', '440305', '330106', '510107']);
  const y = 1960 + Math.floor(rng() * 45);
  const m = String(1 + Math.floor(rng() * 12)).padStart(2, '0');
  const d = String(1 + Math.floor(rng() * 28)).padStart(2, '0');
  const seq = String(Math.floor(rng() * 1000)).padStart(3, '0');
  const first17 = `${area}${y}${m}${d}${seq}`;
  return first17 + residentIdCheckChar(first17);
}

export function demoStaff(count: number, seed = 1, now = new Date()): Staff[] {
  const rng = seededRandom(seed);
  const staff: Staff[] = [];
  const used = new Set<string>();
  for (let i = 0; i < count; i++) {
    const p = personName(rng);
    const [dept, deptEn] = DEPARTMENTS[i % DEPARTMENTS.length]!;
    const ext = String(8001 + i);
    const email = `${p.pinyin}${used.has(p.pinyin) ? i : ''}@example.com`;
    used.add(p.pinyin);
    staff.push({ id: `staff-${i + 1}`, ...p, dept, deptEn, ext, mobile: mobile(rng), email, updatedAt: now.toISOString() });
  }
  // A fixed person the docs and tests can name: 张三 of R&D ("zs" finds him, ux.md §5).
  staff[0] = { ...staff[0]!, name: '张三', pinyin: 'zhangsan', initials: 'zs', nameEn: 'Zhang San', dept: '研发部', deptEn: 'R&D' };
  return staff;
}

function badgeCode(rng: Rng): string {
  const alphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  let s = '';
  for (let i = 0; i < 8; i++) s += alphabet[Math.floor(rng() * alphabet.length)];
  return s;
}

/** Past visits for the register, spread over `days` days before `now`, all signed out. */
export function demoVisits(count: number, staff: readonly Staff[], seed = 2, now = new Date(), days = 365): Visit[] {
  const rng = seededRandom(seed);
  const visits: Visit[] = [];
  for (let i = 0; i < count; i++) {
    const p = personName(rng);
    const host = pick(rng, staff);
    const category = pick(rng, VISIT_CATEGORIES);
    const dayOffset = 1 + Math.floor(rng() * days);
    const start = new Date(now.getFullYear(), now.getMonth(), now.getDate() - dayOffset, 8 + Math.floor(rng() * 9), Math.floor(rng() * 60));
    const end = new Date(start.getTime() + (20 + Math.floor(rng() * 200)) * 60_000);
    const passport = rng() < 0.05;
    visits.push({
      id: `demo-visit-${seed}-${i}`,
      visitorId: `demo-visitor-${seed}-${i}`,
      name: p.name,
      company: pick(rng, COMPANIES),
      phone: mobile(rng),
      idType: passport ? 'passport' : 'resident',
      idNumber: passport ? `E${Math.floor(10_000_000 + rng() * 89_999_999)}` : residentId(rng),
      category,
      purpose: pick(rng, PURPOSES[category]),
      hostId: host.id,
      hostName: host.name,
      hostDept: host.dept,
      hostExt: host.ext,
      state: 'signedOut',
      badgeCode: badgeCode(rng),
      escortRequired: ESCORT_CATEGORIES.has(category),
      appointmentId: null,
      expectedAt: null,
      expectedEnd: null,
      signedInAt: start.toISOString(),
      signedInBy: rng() < 0.6 ? 'kiosk' : '前台',
      signedOutAt: end.toISOString(),
      signedOutBy: rng() < 0.7 ? 'kiosk' : '前台',
      signOutReason: 'visitor',
      ndaSignedAt: null,
      ndaSignature: null,
      photo: null,
      surveyScore: rng() < 0.5 ? 3 + Math.floor(rng() * 3) : null,
      surveyComment: null,
      createdAt: start.toISOString(),
      updatedAt: end.toISOString(),
    });
  }
  return visits;
}

/** Today's appointments: codes 100001… so the demo is easy to try at the kiosk. */
export function demoAppointments(staff: readonly Staff[], seed = 3, now = new Date()): Appointment[] {
  const rng = seededRandom(seed);
  const out: Appointment[] = [];
  for (let i = 0; i < 6; i++) {
    const p = personName(rng);
    const host = staff[i % staff.length]!;
    const category = (['business', 'interview', 'machineRoom', 'business', 'contractor', 'business'] as const)[i]!;
    const start = new Date(now.getFullYear(), now.getMonth(), now.getDate(), 9 + i, 30);
    const end = new Date(start.getTime() + 2 * 3600_000);
    out.push({
      id: `demo-appt-${i + 1}`,
      code: String(100001 + i),
      name: p.name,
      company: pick(rng, COMPANIES),
      phone: mobile(rng),
      idType: 'resident',
      idNumber: residentId(rng),
      category,
      purpose: pick(rng, PURPOSES[category]),
      hostId: host.id,
      expectedAt: start.toISOString(),
      expectedEnd: end.toISOString(),
      vip: i === 5,
      approval: i === 5 ? 'approved' : 'notRequired',
      approvalNote: '',
      approvedBy: i === 5 ? '行政部' : null,
      approvedAt: i === 5 ? now.toISOString() : null,
      visitId: null,
      cancelled: false,
      createdBy: 'demo',
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    });
  }
  return out;
}

export function demoWatchlist(now = new Date()): WatchEntry[] {
  const t = now.toISOString();
  return [
    { id: 'demo-watch-1', name: '钱多多', idNumber: '11010519491231002X', phone: '', level: 'deny', reason: '曾在大堂寻衅闹事（2026-03-02，安保部记录）', addedBy: 'demo', active: true, createdAt: t, updatedAt: t },
    { id: 'demo-watch-2', name: '孙不二', idNumber: '', phone: '+8613900000000', level: 'watch', reason: '被访者已拒绝会面，请先联系行政部', addedBy: 'demo', active: true, createdAt: t, updatedAt: t },
  ];
}
