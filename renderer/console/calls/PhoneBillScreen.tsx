import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import { db } from '../../db/schema';
import { useLocale, useT, type Translate } from '../../i18n';
import { csvCell, download, downloadBlob } from '../csv';
import { billXlsx } from './bill-xlsx';
import { monthBill, monthRange, type BillLine, type MonthBill } from './bill';
import { yuan } from './rating';
import { TariffTable } from './TariffTable';

function thisMonth(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

const minutes = (sec: number): string => (sec / 60).toFixed(1);

function BillTable({ title, lines, total, keyHeader, detailHeader }: { title: string; lines: BillLine[]; total: BillLine; keyHeader: string; detailHeader: string }): React.JSX.Element {
  const t = useT();
  const id = useId();
  return (
    <section aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      <div className="table-wrap">
        <table className="console-table" aria-labelledby={id}>
          <thead>
            <tr>
              <th scope="col">{keyHeader}</th>
              <th scope="col">{detailHeader}</th>
              <th scope="col" className="num right">{t('calls.bill.calls')}</th>
              <th scope="col" className="num right">{t('calls.bill.minutes')}</th>
              <th scope="col" className="num right">{t('calls.bill.cost')}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => (
              <tr key={l.key}>
                <td className="num">{l.label}</td>
                <td>{l.detail || '--'}</td>
                <td className="num right">{l.calls}</td>
                <td className="num right">{minutes(l.seconds)}</td>
                <td className="num right">{yuan(l.cost)}</td>
              </tr>
            ))}
            {lines.length === 0 && (
              <tr>
                <td colSpan={5} className="empty">
                  {t('console.empty')}
                </td>
              </tr>
            )}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={2}>
                {t('calls.bill.total')}
              </th>
              <td className="num right">{total.calls}</td>
              <td className="num right">{minutes(total.seconds)}</td>
              <td className="num right">{yuan(total.cost)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}

function billCsv(bill: MonthBill, month: string, t: Translate): string {
  const out: string[] = [];
  const section = (title: string, lines: BillLine[]): void => {
    out.push(csvCell(`${title} ${month}`));
    out.push([t('calls.bill.key'), t('calls.bill.detail'), t('calls.bill.calls'), t('calls.bill.minutes'), t('calls.bill.cost')].map(csvCell).join(','));
    for (const l of lines) out.push([l.label, l.detail, String(l.calls), minutes(l.seconds), yuan(l.cost)].map(csvCell).join(','));
    out.push('');
  };
  section(t('calls.bill.byExt'), bill.byExt);
  section(t('calls.bill.byDept'), bill.byDept);
  section(t('calls.bill.byTenant'), bill.byTenant);
  return `\uFEFF${out.join('\r\n')}\r\n`;
}

async function exportXlsx(bill: MonthBill, month: string, t: Translate): Promise<void> {
  const bytes = await billXlsx(bill, month, {
    byExt: t('calls.bill.byExt'),
    byDept: t('calls.bill.byDept'),
    byTenant: t('calls.bill.byTenant'),
    headers: [t('calls.bill.key'), t('calls.bill.detail'), t('calls.bill.calls'), t('calls.bill.minutes'), t('calls.bill.cost')],
    total: t('calls.bill.total'),
  });
  downloadBlob(`phone-bill-${month}.xlsx`, new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
}

/** Phone-bill statistics (R-C9): a month's outgoing calls and cost per extension, department and tenant. */
export function PhoneBillScreen(): React.JSX.Element {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const id = useId();
  const [month, setMonth] = useState(thisMonth);
  const [from, to] = monthRange(month);
  const calls = useLiveQuery(() => db.calls.where('day').between(from, to, true, true).toArray(), [from, to]) ?? [];
  const tariffs = useLiveQuery(() => db.tariffs.toArray(), []) ?? [];
  const staff = useLiveQuery(() => db.staff.toArray(), []) ?? [];
  const tenants = useLiveQuery(() => db.tenants.toArray(), []) ?? [];
  const bill = monthBill(calls, tariffs, staff, tenants, (s) => (locale === 'zh-CN' ? s.dept : s.deptEn));
  return (
    <div className="screen phone-bill">
      <div className="toolbar">
        <h2>{t('console.tab.phoneBill')}</h2>
        <label htmlFor={id}>{t('calls.bill.month')}</label>
        <input id={id} type="month" value={month} onChange={(e) => e.target.value && setMonth(e.target.value)} />
        <button type="button" className="btn" onClick={() => download(`phone-bill-${month}.csv`, billCsv(bill, month, t))}>
          {t('calls.bill.export')}
        </button>
        <button type="button" className="btn" onClick={() => void exportXlsx(bill, month, t)}>
          {t('calls.bill.exportXlsx')}
        </button>
      </div>
      <div className="bill-grid">
        <BillTable title={t('calls.bill.byExt')} lines={bill.byExt} total={bill.total} keyHeader={t('calls.col.ext')} detailHeader={t('calls.bill.owner')} />
        <div>
          <BillTable title={t('calls.bill.byDept')} lines={bill.byDept} total={{ ...bill.total, calls: sum(bill.byDept, 'calls'), seconds: sum(bill.byDept, 'seconds'), cost: sum(bill.byDept, 'cost') }} keyHeader={t('console.col.dept')} detailHeader={t('calls.bill.detail')} />
          <BillTable title={t('calls.bill.byTenant')} lines={bill.byTenant} total={{ ...bill.total, calls: sum(bill.byTenant, 'calls'), seconds: sum(bill.byTenant, 'seconds'), cost: sum(bill.byTenant, 'cost') }} keyHeader={t('calls.dir.tenant')} detailHeader={t('calls.dir.unit')} />
        </div>
        <TariffTable tariffs={tariffs} />
      </div>
    </div>
  );
}

function sum(lines: readonly BillLine[], k: 'calls' | 'seconds' | 'cost'): number {
  return Math.round(lines.reduce((a, l) => a + l[k], 0) * 100) / 100;
}
