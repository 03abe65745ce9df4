import { maskIdNumber, maskPhone } from '../../shared/mask';
import { registerCollection, type RegisterFilter } from '../db/console-queries';
import type { VisitRow } from '../db/schema';
import type { Translate } from '../i18n';
import { dayTime } from './format';

/**
 * One CSV cell: quoted when needed, and a leading = + - @ neutralised so a
 * visitor-typed value never runs as a spreadsheet formula.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function line(cells: string[]): string {
  return cells.map(csvCell).join(',');
}

/**
 * The filtered register as CSV, streamed row by row from the index, with
 * phones and ID numbers masked (R-S2). UTF-8 with a BOM so that Excel reads
 * the Chinese correctly.
 */
export async function registerCsv(filter: RegisterFilter, t: Translate): Promise<string> {
  const out: string[] = [
    line([
      t('console.col.name'),
      t('console.col.company'),
      t('console.col.phone'),
      t('console.col.idNumber'),
      t('console.col.category'),
      t('console.col.purpose'),
      t('console.col.host'),
      t('console.col.dept'),
      t('console.col.in'),
      t('console.col.out'),
      t('console.col.badge'),
      t('console.col.state'),
      t('console.col.signedInBy'),
      t('console.col.signedOutBy'),
    ]),
  ];
  await registerCollection(filter).each((v: VisitRow) => {
    out.push(
      line([
        v.name,
        v.company,
        maskPhone(v.phone),
        maskIdNumber(v.idNumber),
        t(`category.${v.category}`),
        v.purpose,
        v.hostName,
        v.hostDept,
        dayTime(v.signedInAt),
        dayTime(v.signedOutAt),
        v.badgeCode,
        t(`state.${v.state}`),
        v.signedInBy ?? '',
        v.signedOutBy ?? '',
      ]),
    );
  });
  return `\uFEFF${out.join('\r\n')}\r\n`;
}

export function download(name: string, text: string): void {
  downloadBlob(name, new Blob([text], { type: 'text/csv;charset=utf-8' }));
}

export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started from the URL by now; revoke it on the next tick.
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}
