import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { AccessHolder, EvidenceRow } from '../../../shared/api/cards';

/**
 * The access system's import layout: one header row, one holder per row, dates
 * as YYYY-MM-DD text (so Excel never turns them into serial numbers), action
 * ADD/DELETE. Both files carry the same columns in the same order. CredentialID
 * is what the readers see on the card (the access system opens on it); CardNo
 * is the hub's number, for people.
 */
export const ACCESS_COLUMNS = [
  { key: 'cardNumber', header: 'CardNo' },
  { key: 'credentialId', header: 'CredentialID' },
  { key: 'holderName', header: 'Name' },
  { key: 'company', header: 'Company' },
  { key: 'idNumber', header: 'IDNo' },
  { key: 'phone', header: 'Phone' },
  { key: 'areas', header: 'Areas' },
  { key: 'validFrom', header: 'ValidFrom' },
  { key: 'validTo', header: 'ValidTo' },
  { key: 'action', header: 'Action' },
] as const satisfies readonly { key: keyof AccessHolder; header: string }[];

/** The machine-room evidence columns (R-P5), Chinese first because the auditor reads Chinese. */
export const EVIDENCE_COLUMNS = [
  { key: 'kind', header: '类别 Kind' },
  { key: 'name', header: '姓名 Name' },
  { key: 'company', header: '单位 Company' },
  { key: 'areas', header: '区域 Areas' },
  { key: 'work', header: '工作内容 Work' },
  { key: 'approver', header: '审批人 Approver' },
  { key: 'escort', header: '随工 Escort' },
  { key: 'credential', header: '通行证/卡 Pass or card' },
  { key: 'timeIn', header: '进入 In' },
  { key: 'timeOut', header: '离开 Out' },
] as const satisfies readonly { key: keyof EvidenceRow; header: string }[];

type Column<R> = { readonly key: keyof R & string; readonly header: string };

/** RFC 4180 quoting; a leading = + - @ is prefixed with ' so a spreadsheet never runs it as a formula. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv<R>(columns: readonly Column<R>[], rows: readonly R[]): string {
  const lines = [columns.map((c) => csvCell(c.header)).join(',')];
  for (const r of rows) lines.push(columns.map((c) => csvCell(String(r[c.key] ?? ''))).join(','));
  // BOM: Excel on a Chinese Windows opens UTF-8 CSV as GBK without it.
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * Written with exceljs's streaming writer: each row is committed as it is
 * added, so 100,000 evidence rows do not sit in memory as cell objects (the
 * in-memory workbook peaked above 1 GB in bench/card-evidence.ts). Inline
 * strings, not a shared-strings table, for the same reason.
 */
export async function toXlsx<R>(
  sheet: string,
  columns: readonly Column<R>[],
  rows: readonly R[],
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: sink,
    useSharedStrings: false,
    useStyles: true,
  });
  wb.creator = 'Frontdesk';
  const ws = wb.addWorksheet(sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: Math.max(12, c.header.length + 4),
  }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  for (const r of rows)
    ws.addRow(Object.fromEntries(columns.map((c) => [c.key, String(r[c.key] ?? '')]))).commit();
  ws.commit();
  await wb.commit();
  return Buffer.concat(chunks);
}

export async function accessFiles(
  holders: readonly AccessHolder[],
): Promise<{ csv: string; xlsxBase64: string }> {
  const upper = holders.map((h) => ({ ...h, action: h.action.toUpperCase() }));
  return {
    csv: toCsv(ACCESS_COLUMNS, upper),
    xlsxBase64: (await toXlsx('Holders', ACCESS_COLUMNS, upper)).toString('base64'),
  };
}

/** The auditor reads words, not codes: the kind column in both languages. */
export const EVIDENCE_KIND_LABEL = {
  visitor: '机房访客 Visitor',
  workVisit: '施工 Work visit',
  cardHolder: '持卡客户 Card holder',
} as const satisfies Record<EvidenceRow['kind'], string>;

export const labelledEvidence = (
  rows: readonly EvidenceRow[],
): Record<keyof EvidenceRow, string>[] =>
  rows.map((r) => ({ ...r, kind: EVIDENCE_KIND_LABEL[r.kind] }));

export async function evidenceFiles(
  rows: readonly EvidenceRow[],
): Promise<{ csv: string; xlsxBase64: string }> {
  const labelled = labelledEvidence(rows);
  return {
    csv: toCsv(EVIDENCE_COLUMNS, labelled),
    xlsxBase64: (await toXlsx('Machine room', EVIDENCE_COLUMNS, labelled)).toString('base64'),
  };
}
