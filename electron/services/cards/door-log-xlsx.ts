import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';

const p = (n: number): string => String(n).padStart(2, '0');

/**
 * The first sheet of an access system's XLSX door log as rows of text, for
 * shared/cards/door-log.ts. Excel date cells hold the wall-clock time as if
 * UTC, so they are written back with the UTC getters (no zone shift).
 */
export async function doorLogRows(xlsx: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.read(Readable.from([xlsx]));
  const ws = wb.worksheets[0];
  if (!ws) return [];
  const rows: string[][] = [];
  const width = ws.columnCount;
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    const cells: string[] = [];
    for (let i = 1; i <= width; i++) {
      const v = row.getCell(i).value;
      if (v instanceof Date)
        cells.push(
          `${v.getUTCFullYear()}-${p(v.getUTCMonth() + 1)}-${p(v.getUTCDate())} ${p(v.getUTCHours())}:${p(v.getUTCMinutes())}:${p(v.getUTCSeconds())}`,
        );
      else if (v === null || v === undefined) cells.push('');
      else if (typeof v === 'object' && 'text' in v) cells.push(String(v.text));
      else if (typeof v === 'object' && 'result' in v) cells.push(String(v.result ?? ''));
      else cells.push(String(v as string | number | boolean));
    }
    rows[n - 1] = cells;
  });
  return Array.from(rows, (r) => r ?? []);
}
