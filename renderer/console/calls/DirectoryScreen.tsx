import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useState } from 'react';
import { maskPhone } from '../../../shared/mask';
import { db } from '../../db/schema';
import { useLocale, useT } from '../../i18n';
import { useActor } from '../ui-store';
import { auditReveal } from './actions';
import { findNumbers, findStaff, findTenants } from './directory-search';
import { useSwitchboard } from './switchboard-ui';

function takeDirectoryAsk(): string {
  const asked = useSwitchboard.getState().directoryAsk;
  if (asked !== null) useSwitchboard.getState().askDirectory(null);
  return asked ?? '';
}

/** Staff shown for an empty query; typing searches all of them. */
const STAFF_LIMIT = 50;

/**
 * The directory (R-C8): one search box over staff, tenants and emergency /
 * common numbers; Han, full pinyin, initials, extension or unit find anyone
 * as the operator types. Mobiles are masked; showing one is audited (R-S2).
 */
export function DirectoryScreen(): React.JSX.Element {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const actor = useActor();
  const id = useId();
  // The palette's choice becomes this screen's query once; typing takes over from there.
  const [query, setQuery] = useState(takeDirectoryAsk);
  useEffect(
    () =>
      useSwitchboard.subscribe((s) => {
        if (s.directoryAsk !== null) setQuery(takeDirectoryAsk());
      }),
    [],
  );
  const [revealed, setRevealed] = useState<ReadonlySet<string>>(new Set());
  const staff = useLiveQuery(() => db.staff.orderBy('ext').toArray(), []) ?? [];
  const tenants = useLiveQuery(() => db.tenants.orderBy('unit').toArray(), []) ?? [];
  const numbers = useLiveQuery(() => db.emergencyNumbers.orderBy('order').toArray(), []) ?? [];
  const staffHits = query.trim() ? findStaff(staff, query, 200) : staff.slice(0, STAFF_LIMIT);
  const tenantHits = findTenants(tenants, query);
  const numberHits = findNumbers(numbers, query);
  const reveal = async (key: string, entity: string, entityId: string): Promise<void> => {
    await auditReveal(entity, entityId, actor);
    setRevealed((s) => new Set([...s, key]));
  };
  const phone = (key: string, value: string, entity: string, entityId: string, who: string): React.JSX.Element =>
    revealed.has(key) ? (
      <span className="num">{value.replace(/^\+86/, '')}</span>
    ) : (
      <>
        <span className="num">{maskPhone(value)}</span>{' '}
        <button type="button" className="btn small link" aria-label={t('calls.dir.revealOf', { name: who })} onClick={() => void reveal(key, entity, entityId)}>
          {t('calls.dir.reveal')}
        </button>
      </>
    );
  return (
    <div className="screen directory">
      <div className="toolbar">
        <h2>{t('console.tab.directory')}</h2>
        <input id={id} type="search" aria-label={t('calls.dir.search')} className="search" value={query} placeholder={t('calls.dir.placeholder')} spellCheck={false} autoComplete="off" autoFocus onChange={(e) => setQuery(e.target.value)} />
      </div>
      <div className="directory-grid">
        <section aria-labelledby={`${id}-numbers`}>
          <h3 id={`${id}-numbers`}>{t('calls.dir.numbers')}</h3>
          <table className="console-table" aria-labelledby={`${id}-numbers`}>
            <tbody>
              {numberHits.map((n) => (
                <tr key={n.id} className={n.kind === 'emergency' ? 'row-emergency' : ''}>
                  <th scope="row">{locale === 'zh-CN' ? n.name : n.nameEn}</th>
                  <td className="num right">
                    <strong>{n.number}</strong>
                  </td>
                </tr>
              ))}
              {numberHits.length === 0 && (
                <tr>
                  <td colSpan={2} className="empty">
                    {t('console.empty')}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </section>
        <section aria-labelledby={`${id}-staff`}>
          <h3 id={`${id}-staff`}>
            {t('calls.dir.staff')} <span className="count">{staffHits.length}</span>
          </h3>
          <div className="table-wrap">
            <table className="console-table" aria-labelledby={`${id}-staff`}>
              <thead>
                <tr>
                  <th scope="col">{t('console.col.name')}</th>
                  <th scope="col">{t('console.col.dept')}</th>
                  <th scope="col">{t('calls.col.ext')}</th>
                  <th scope="col">{t('calls.dir.mobile')}</th>
                </tr>
              </thead>
              <tbody>
                {staffHits.map((s) => (
                  <tr key={s.id}>
                    <td>
                      {s.name} <span className="sub">{s.nameEn}</span>
                    </td>
                    <td>{locale === 'zh-CN' ? s.dept : s.deptEn}</td>
                    <td className="num">{s.ext}</td>
                    <td>{phone(`s-${s.id}`, s.mobile, 'staff', s.id, s.name)}</td>
                  </tr>
                ))}
                {staffHits.length === 0 && (
                  <tr>
                    <td colSpan={4} className="empty">
                      {t('console.empty')}
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
        </section>
        <section aria-labelledby={`${id}-tenants`} className="tenants">
          <h3 id={`${id}-tenants`}>
            {t('calls.dir.tenants')} <span className="count">{tenantHits.length}</span>
          </h3>
          <div className="table-wrap">
            <table className="console-table" aria-labelledby={`${id}-tenants`}>
              <thead>
                <tr>
                  <th scope="col">{t('calls.dir.tenant')}</th>
                  <th scope="col">{t('calls.dir.unit')}</th>
                  <th scope="col">{t('calls.col.ext')}</th>
                  <th scope="col">{t('calls.dir.contact')}</th>
                  <th scope="col">{t('calls.dir.emergency')}</th>
                </tr>
              </thead>
              <tbody>
                {tenantHits.map((x) => (
                  <tr key={x.id}>
                    <td>
                      {x.name} <span className="sub">{x.nameEn}</span>
                    </td>
                    <td className="num">{x.unit}</td>
                    <td className="num">{x.exts.join(' / ')}</td>
                    <td>
                      {x.contactName} {phone(`tc-${x.id}`, x.contactPhone, 'tenant', x.id, x.contactName)}
                    </td>
                    <td>
                      {x.emergencyName} {phone(`te-${x.id}`, x.emergencyPhone, 'tenant', x.id, x.emergencyName)}
                    </td>
                  </tr>
                ))}
                {tenantHits.length === 0 && (
                  <tr>
                    <td colSpan={5} className="empty">
                      {t('console.empty')}
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
        </section>
      </div>
    </div>
  );
}
