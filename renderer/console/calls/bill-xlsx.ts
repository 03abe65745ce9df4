import type { BillLine, MonthBill } from './bill';

export interface BillSheetText {
  byExt: string;
  byDept: string;
  byTenant: string;
  headers: [key: string, detail: string, calls: string, minutes: string, cost: string];
  total: string;
}

/**
 * The month bill as an XLSX workbook (R-C9): one sheet each per extension,
 * department and tenant, typed numeric cells (minutes to 0.1, yuan to 0.01),
 * a frozen header, and a total row whose SUM formulas carry their result so a
 * reader without a calculation engine sees the same figures as Excel.
 * exceljs is loaded on demand: the console only pays for it when exporting.
 */
export async function billXlsx(
  bill: MonthBill,
  month: string,
  text: BillSheetText,
): Promise<Uint8Array<ArrayBuffer>> {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  wb.created = new Date();
  const sheet = (title: string, lines: readonly BillLine[]): void => {
    const ws = wb.addWorksheet(`${title} ${month}`, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = [
      { header: text.headers[0], key: 'label', width: 16 },
      { header: text.headers[1], key: 'detail', width: 28 },
      { header: text.headers[2], key: 'calls', width: 10 },
      { header: text.headers[3], key: 'minutes', width: 12, style: { numFmt: '0.0' } },
      { header: text.headers[4], key: 'cost', width: 12, style: { numFmt: '0.00' } },
    ];
    ws.getRow(1).font = { bold: true };
    for (const l of lines)
      ws.addRow({
        label: l.label,
        detail: l.detail,
        calls: l.calls,
        minutes: Math.round(l.seconds / 6) / 10,
        cost: l.cost,
      });
    const last = lines.length + 1;
    const sum = (col: string, result: number): { formula: string; result: number } => ({
      formula: lines.length ? `SUM(${col}2:${col}${last})` : '0',
      result,
    });
    const total = ws.addRow({
      label: text.total,
      detail: '',
      calls: sum(
        'C',
        lines.reduce((a, l) => a + l.calls, 0),
      ),
      minutes: sum('D', Math.round(lines.reduce((a, l) => a + l.seconds / 6, 0)) / 10),
      cost: sum('E', Math.round(lines.reduce((a, l) => a + l.cost, 0) * 100) / 100),
    });
    total.font = { bold: true };
  };
  sheet(text.byExt, bill.byExt);
  sheet(text.byDept, bill.byDept);
  sheet(text.byTenant, bill.byTenant);
  return new Uint8Array(await wb.xlsx.writeBuffer()) as Uint8Array<ArrayBuffer>;
}
