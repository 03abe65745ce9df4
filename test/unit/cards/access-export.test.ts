import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { AccessHolder } from '../../../shared/api/cards';
import {
  ACCESS_COLUMNS,
  accessFiles,
  evidenceFiles,
} from '../../../electron/services/cards/access-export';

const holder: AccessHolder = {
  cardNumber: 'P-7K2Q9',
  credentialId: '6200000042=2711',
  holderName: '张伟',
  company: '华数, "云" 科技',
  idNumber: '11010519491231002X',
  phone: '13800138000',
  areas: 'A-01,A-02',
  validFrom: '2026-11-22',
  validTo: '2027-11-21',
  action: 'add',
};

describe('access-system import layout (R-K3 上传)', () => {
  it('CSV: BOM, header in layout order, quoted commas and quotes, ADD', async () => {
    const { csv } = await accessFiles([
      holder,
      { ...holder, cardNumber: 'C-000002', holderName: '=cmd', action: 'delete' },
    ]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('CardNo,CredentialID,Name,Company,IDNo,Phone,Areas,ValidFrom,ValidTo,Action');
    expect(lines[1]).toBe(
      'P-7K2Q9,6200000042=2711,张伟,"华数, ""云"" 科技",11010519491231002X,13800138000,"A-01,A-02",2026-11-22,2027-11-21,ADD',
    );
    expect(lines[2]).toContain(`'=cmd`);
    expect(lines[2]?.endsWith('DELETE')).toBe(true);
  });

  it('XLSX read back with exceljs: same header, dates as text, one row per holder', async () => {
    const { xlsxBase64 } = await accessFiles([holder]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.read(Readable.from([Buffer.from(xlsxBase64, 'base64')]));
    const ws = wb.getWorksheet('Holders');
    expect(ws).toBeDefined();
    const header = ACCESS_COLUMNS.map((_, i) => ws?.getRow(1).getCell(i + 1).value);
    expect(header).toEqual(ACCESS_COLUMNS.map((c) => c.header));
    const row = ACCESS_COLUMNS.map((_, i) => ws?.getRow(2).getCell(i + 1).value);
    expect(row).toEqual([
      'P-7K2Q9',
      '6200000042=2711',
      '张伟',
      '华数, "云" 科技',
      '11010519491231002X',
      '13800138000',
      'A-01,A-02',
      '2026-11-22',
      '2027-11-21',
      'ADD',
    ]);
    expect(ws?.rowCount).toBe(2);
  });

  it('evidence export carries approver, escort, credential, in and out (R-P5)', async () => {
    const { csv, xlsxBase64 } = await evidenceFiles([
      {
        kind: 'workVisit',
        name: '李工',
        company: '某集成商',
        areas: 'B-12',
        work: '更换硬盘',
        approver: '王经理',
        escort: '赵工',
        credential: 'pass 0012',
        timeIn: '2026-11-20 09:00',
        timeOut: '2026-11-20 11:30',
      },
    ]);
    expect(csv).toContain(
      '施工 Work visit,李工,某集成商,B-12,更换硬盘,王经理,赵工,pass 0012,2026-11-20 09:00,2026-11-20 11:30',
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.read(Readable.from([Buffer.from(xlsxBase64, 'base64')]));
    expect(wb.worksheets[0]?.getRow(2).getCell(7).value).toBe('赵工');
  });
});

describe('evidence PDF (R-P5)', () => {
  it('renders an A4 PDF of the rows through headless Chromium, text escaped', async () => {
    const { evidenceHtml, evidencePdf } =
      await import('../../../electron/services/cards/evidence-pdf');
    const html = evidenceHtml(
      '2026-11-01',
      '2026-11-30',
      [
        {
          kind: 'workVisit',
          name: '<b>李工</b>',
          company: 'X',
          areas: 'B-12',
          work: '更换硬盘',
          approver: '王经理',
          escort: '赵工',
          credential: '0012',
          timeIn: '2026-11-20 09:00',
          timeOut: '',
        },
      ],
      '华东云数据中心',
    );
    expect(html).toContain('&#60;b&#62;李工');
    expect(html).not.toContain('<b>李工');
    const pdf = await evidencePdf(html);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(2000);
  }, 30_000);
});
