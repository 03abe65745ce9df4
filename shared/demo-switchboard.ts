/**
 * Demo data for the switchboard made by code: tenants of the building with
 * Chinese and English names, units and contacts; emergency and common
 * numbers; a tariff table. Deterministic, so tests can name them.
 */
import type { EmergencyNumber, Tariff, Tenant } from './domain/switchboard';
import { seededRandom } from './demo';

const TENANT_NAMES: readonly [string, string, string, string][] = [
  // Chinese name, English name, pinyin, initials
  ['华云数据', 'Huayun Data', 'huayunshuju', 'hysj'],
  ['星河网络', 'Galaxy Networks', 'xinghewangluo', 'xhwl'],
  ['中联信通', 'Zhonglian Telecom', 'zhonglianxintong', 'zlxt'],
  ['北辰软件', 'Beichen Software', 'beichenruanjian', 'bcrj'],
  ['蓝海传媒', 'Blue Ocean Media', 'lanhaichuanmei', 'lhcm'],
  ['恒信电子', 'Hengxin Electronics', 'hengxindianzi', 'hxdz'],
  ['金桥物流', 'Golden Bridge Logistics', 'jinqiaowuliu', 'jqwl'],
  ['天元智能', 'Tianyuan Intelligent', 'tianyuanzhineng', 'tyzn'],
  ['远景建设', 'Vista Construction', 'yuanjingjianshe', 'yjjs'],
  ['Acme 托管', 'Acme Hosting', 'acmetuoguan', 'acme'],
];
const CONTACTS: readonly string[] = ['周明', '吴静', '郑强', '孙丽', '马超', '胡敏', '林涛', '何芳', '高磊', '罗艳'];

function phone(rng: () => number, prefix: string): string {
  let rest = '';
  for (let i = 0; i < 8; i++) rest += Math.floor(rng() * 10);
  return `${prefix}${rest}`;
}

/** Tenants on floors 3–12, each with a unit like "A-1203" and two extensions in the 6xxx range. */
export function demoTenants(now = new Date(), seed = 7): Tenant[] {
  const rng = seededRandom(seed);
  return TENANT_NAMES.map(([name, nameEn, pinyin, initials], i) => {
    const floor = 3 + i;
    const unit = `${i % 2 === 0 ? 'A' : 'B'}-${floor}${String(1 + (i % 4)).padStart(2, '0')}`;
    const ext1 = String(6001 + i * 10);
    return {
      id: `tenant-${i + 1}`,
      name: `${name}有限公司`,
      nameEn: `${nameEn} Ltd.`,
      pinyin,
      initials,
      unit,
      contactName: CONTACTS[i]!,
      contactPhone: phone(rng, '139'),
      emergencyName: CONTACTS[(i + 5) % CONTACTS.length]!,
      emergencyPhone: phone(rng, '137'),
      exts: [ext1, String(Number(ext1) + 1)],
      updatedAt: now.toISOString(),
    };
  });
}

/** 应急常用电话: the public emergency numbers and the building's duty lines. */
export function demoEmergencyNumbers(): EmergencyNumber[] {
  const rows: [EmergencyNumber['kind'], string, string, string][] = [
    ['emergency', '火警', 'Fire', '119'],
    ['emergency', '急救', 'Ambulance', '120'],
    ['emergency', '匪警', 'Police', '110'],
    ['emergency', '交通事故', 'Traffic accident', '122'],
    ['duty', '物业值班', 'Property duty desk', '8800'],
    ['duty', '机房值班', 'Machine-room duty', '8811'],
    ['duty', '安保监控室', 'Security control room', '8820'],
    ['duty', '工程维修', 'Facilities repair', '8830'],
    ['common', '供电所报修', 'Power company faults', '95598'],
    ['common', '自来水报修', 'Water company faults', '96116'],
  ];
  return rows.map(([kind, name, nameEn, number], i) => ({ id: `number-${i + 1}`, kind, name, nameEn, number, order: i }));
}

/**
 * A tariff table in the shape of Chinese fixed-line rates (yuan per minute):
 * longest matching prefix wins; the empty prefix is local.
 */
export function demoTariffs(): Tariff[] {
  const rows: [string, string, number, Tariff['unit'], number][] = [
    ['', '市话', 0.22, 'minute', 0],
    ['1', '手机', 0.3, 'minute', 0],
    ['0', '国内长途', 0.3, 'sixSeconds', 0],
    ['00', '国际长途', 8, 'sixSeconds', 0],
  ];
  return rows.map(([prefix, label, ratePerMinute, unit, connectionFee], i) => ({ id: `tariff-${i + 1}`, prefix, label, ratePerMinute, unit, connectionFee }));
}
