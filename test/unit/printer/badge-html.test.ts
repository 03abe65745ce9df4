import { describe, expect, it } from 'vitest';
import { badgeFromVisit } from '../../../hardware/printer/badge-data';
import { badgeHtml, badgeLayout, escapeHtml } from '../../../hardware/printer/badge-html';
import { statusError } from '../../../hardware/printer/ipp-printer';
import { MEDIA, MEDIUM_IDS, printableLeftDots } from '../../../hardware/printer/media';
import { printingSettingsSchema } from '../../../shared/api/printing';
import { deskTimeZone } from '../../../electron/services/printing/printing-service';
import { DEFAULT_PRINTING } from '../../../electron/services/printing/settings';
import { testBadge } from './fixtures';

describe('badge template fill', () => {
  it('escapes every text slot: a name cannot add markup or script', async () => {
    const html = await badgeHtml(testBadge('<img src=x onerror=alert(1)>"&\''), 'ql62');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62;&#34;&#38;&#39;');
    expect(escapeHtml('a<b')).toBe('a&#60;b');
  });

  it('prints no photo unless it is an inline raster image', async () => {
    const remote = await badgeHtml(testBadge('Anna', { photo: 'https://example.com/x.png' }), 'ql62');
    expect(remote).not.toContain('example.com');
    expect(remote).toContain('no-photo');
    const svg = await badgeHtml(testBadge('Anna', { photo: 'data:image/svg+xml;base64,PHN2Zz4=' }), 'ql62');
    expect(svg).toContain('no-photo');
  });

  it('B6: embeds only the bundled Noto Sans SC chunks the text needs, as data URLs', async () => {
    const html = await badgeHtml(testBadge('王小明'), 'ql62');
    expect(html).toContain("font-family:'Noto Sans SC'");
    expect(html).not.toMatch(/url\((?!data:)/);
    const faces = html.match(/@font-face/g)?.length ?? 0;
    expect(faces).toBeGreaterThan(2);
    expect(faces).toBeLessThan(60);
  });

  it('B5: QR is whole dots per module with a 4-module quiet zone, inside the printable band', () => {
    for (const id of MEDIUM_IDS) {
      const medium = MEDIA[id];
      const layout = badgeLayout(medium, 21 + 8, true, 'V7K29QX4');
      expect(medium.qrModuleDots).toBeGreaterThanOrEqual(3);
      expect(layout.qrSize).toBe(29 * medium.qrModuleDots);
      expect(Number.isInteger(layout.qrLeft) && Number.isInteger(layout.qrTop)).toBe(true);
      expect(layout.qrLeft + layout.qrSize).toBeLessThanOrEqual(printableLeftDots(medium) + medium.printableWidthDots);
    }
  });

  it('B1: the 62 mm media print 696 dots wide, centred on the page', () => {
    for (const id of ['ql62', 'ql62x100'] as const) {
      expect(MEDIA[id].printableWidthDots).toBe(696);
      expect(printableLeftDots(MEDIA[id])).toBe(18);
    }
  });

  it('B4: validity in words; the date is repeated when the badge runs past the day of issue', () => {
    const base = {
      name: 'Anna', company: '', hostName: '张三', hostDept: '研发部', category: 'contractor' as const,
      escortRequired: false, badgeCode: 'ABCD2345', photo: null, createdAt: '2026-03-05T01:30:00.000Z',
      signedInAt: '2026-03-05T01:30:00.000Z',
    };
    const bj = { timeZone: 'Asia/Shanghai' };
    expect(badgeFromVisit({ ...base, expectedEnd: null }, bj).validUntil).toBe('有效至 Valid until 23:59');
    expect(badgeFromVisit({ ...base, expectedEnd: '2026-03-06T02:00:00.000Z' }, bj).validUntil).toBe('有效至 Valid until 2026-03-06 10:00');
    expect(badgeFromVisit({ ...base, expectedEnd: null }, bj).issued).toBe('2026-03-05 09:30');
    expect(badgeFromVisit({ ...base, expectedEnd: null }, bj).categoryLabel).toBe('施工维保 Contractor');
  });

  it('issue 5: badge times follow the desk time zone setting — the same visit in Beijing and in Frankfurt', () => {
    const visit = {
      name: 'Anna', company: '', hostName: '张三', hostDept: '研发部', category: 'business' as const,
      escortRequired: false, badgeCode: 'ABCD2345', photo: null, createdAt: '2026-03-05T23:30:00.000Z',
      signedInAt: '2026-03-05T23:30:00.000Z', expectedEnd: '2026-03-06T08:00:00.000Z',
    };
    const beijing = badgeFromVisit(visit, { timeZone: 'Asia/Shanghai' });
    expect(beijing.issued).toBe('2026-03-06 07:30');
    expect(beijing.validUntil).toBe('有效至 Valid until 16:00');
    // Frankfurt is UTC+1 in March: still the evening before, and the end runs into the next day.
    const frankfurt = badgeFromVisit(visit, { timeZone: 'Europe/Berlin' });
    expect(frankfurt.issued).toBe('2026-03-06 00:30');
    expect(frankfurt.validUntil).toBe('有效至 Valid until 09:00');
    const newYork = badgeFromVisit(visit, { timeZone: 'America/New_York' });
    expect(newYork.issued).toBe('2026-03-05 18:30');
    expect(newYork.validUntil).toBe('有效至 Valid until 2026-03-06 03:00');
  });

  it('issue 5: no zone set → the computer\'s own zone; the setting refuses unknown zones', () => {
    const visit = {
      name: 'Anna', company: '', hostName: '', hostDept: '', category: 'business' as const,
      escortRequired: false, badgeCode: 'ABCD2345', photo: null, createdAt: '2026-03-05T23:30:00.000Z',
      signedInAt: '2026-03-05T23:30:00.000Z', expectedEnd: null,
    };
    const system = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(badgeFromVisit(visit).issued).toBe(badgeFromVisit(visit, { timeZone: system }).issued);
    expect(deskTimeZone('')).toBe(system);
    expect(deskTimeZone('Asia/Shanghai')).toBe('Asia/Shanghai');
    expect(printingSettingsSchema.safeParse({ ...DEFAULT_PRINTING, timeZone: 'Mars/Olympus' }).success).toBe(false);
    expect(printingSettingsSchema.safeParse({ ...DEFAULT_PRINTING, timeZone: 'Europe/Berlin' }).success).toBe(true);
  });
});

describe('IPP printer-state-reasons', () => {
  it('R-X3: media-empty → mediaEmpty, stopped/offline → offline, warnings ignored', () => {
    expect(statusError({ state: 'stopped', reasons: ['media-empty-error'], acceptingJobs: true })?.code).toBe('mediaEmpty');
    expect(statusError({ state: 'stopped', reasons: ['offline-report'], acceptingJobs: true })?.code).toBe('offline');
    expect(statusError({ state: 'idle', reasons: ['offline'], acceptingJobs: true })?.code).toBe('offline');
    expect(statusError({ state: 'idle', reasons: ['media-low-warning'], acceptingJobs: true })).toBeNull();
    expect(statusError({ state: 'idle', reasons: [], acceptingJobs: false })?.code).toBe('offline');
    expect(statusError({ state: 'processing', reasons: [], acceptingJobs: true })).toBeNull();
  });
});
