/**
 * Always-visible sync status (ux.md C10): online / offline / syncing, the
 * number of changes waiting, and the last successful sync —
 * "离线 · 12 条待同步 · 上次同步 14:02". The console also sees changes the hub
 * refused, with reasons, and can make a kiosk pairing code.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { db } from '../db/schema';
import { useLocale, useT, type MessageKey } from '../i18n';
import { SYNC_TABLES, type SyncTable } from '../../shared/sync/protocol';
import { META, parseStatus, readMeta, readSession } from '../sync/sync-meta';
import { call } from '../transport/api';
import './sync-status.css';

/** Beyond this the clock warning shows (the hub clamps stamps more than a minute ahead). */
const SKEW_WARN_MS = 2 * 60_000;

const REASON_KEYS: Record<string, MessageKey> = {
  validation: 'sync.reason.validation',
  forbidden: 'sync.reason.forbidden',
  transition: 'sync.reason.transition',
  notFound: 'sync.reason.notFound',
};

/** What the refused row was, in the operator's words (the rejects list). */
const TABLE_KEYS: Record<SyncTable, MessageKey> = {
  visits: 'sync.table.visits',
  appointments: 'sync.table.appointments',
  staff: 'sync.table.staff',
  watchlist: 'sync.table.watchlist',
  alerts: 'sync.table.alerts',
  audit: 'sync.table.audit',
  calls: 'sync.table.calls',
  smdrLines: 'sync.table.smdrLines',
  messages: 'sync.table.messages',
  tenants: 'sync.table.tenants',
  emergencyNumbers: 'sync.table.emergencyNumbers',
  tariffs: 'sync.table.tariffs',
  pbxFaults: 'sync.table.pbxFaults',
  passes: 'sync.table.passes',
  passIssues: 'sync.table.passIssues',
  handoverSheets: 'sync.table.handoverSheets',
  cardApplications: 'sync.table.cardApplications',
  cards: 'sync.table.cards',
  cardUploads: 'sync.table.cardUploads',
  workVisits: 'sync.table.workVisits',
  cardAudit: 'sync.table.cardAudit',
};
function tableKey(table: string): MessageKey | null {
  const known = SYNC_TABLES.find((x) => x === table);
  return known ? TABLE_KEYS[known] : null;
}

function hhmm(iso: string, locale: string): string {
  return new Date(iso).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', hour12: false });
}

export function SyncStatus({ face }: { face: 'kiosk' | 'console' | 'cards' }): React.JSX.Element {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const status = useLiveQuery(async () => parseStatus(await readMeta(db.meta, META.status)), [], parseStatus(null));
  const waiting = useLiveQuery(() => db.outbox.where('clientSeq').aboveOrEqual(0).count(), [], 0);
  const parts = [
    t(`sync.state.${status.state}`),
    waiting > 0 ? t('sync.waiting', { n: waiting }) : t('sync.allSynced'),
    status.lastSyncAt ? t('sync.lastSync', { time: hhmm(status.lastSyncAt, locale) }) : t('sync.never'),
  ];
  const skewed = Math.abs(status.skewMs) > SKEW_WARN_MS;
  return (
    <span className="sync-status" data-state={status.state} data-waiting={waiting} role="status" aria-label={t('sync.label')}>
      <span className="sync-dot" aria-hidden="true" />
      <span className="sync-text">{parts.join(' · ')}</span>
      {skewed && <span className="sync-warn">⚠ {t('sync.skew', { min: Math.round(Math.abs(status.skewMs) / 60_000) })}</span>}
      {status.state === 'updateRequired' && <span className="sync-warn">{t('sync.updateRequired')}</span>}
      {face === 'console' && <PairKiosk />}
    </span>
  );
}

function PairKiosk(): React.JSX.Element {
  const t = useT();
  const [code, setCode] = useState<string | null>(null);
  const make = async (): Promise<void> => {
    const session = await readSession(db.meta);
    if (!session) return;
    const made = await call('sync:pairingCode', { token: session.token });
    setCode(made.code);
  };
  return code ? (
    <span className="sync-pairing" data-testid="pairing-code">
      {t('sync.pairing.code', { code })}
    </span>
  ) : (
    <button type="button" className="sync-btn" onClick={() => void make().catch(() => setCode(null))}>
      {t('sync.pairing.make')}
    </button>
  );
}

/** Changes the hub refused for good, with reasons, until the operator dismisses them (console only). */
export function SyncRejects(): React.JSX.Element | null {
  const t = useT();
  const rejects = useLiveQuery(() => db.syncRejects.orderBy('at').toArray(), [], []);
  const label = (table: string): string => {
    const k = tableKey(table);
    return k ? t(k) : table;
  };
  if (rejects.length === 0) return null;
  return (
    <section className="sync-rejects" role="alert" aria-label={t('sync.rejected', { n: rejects.length })}>
      <strong>{t('sync.rejected', { n: rejects.length })}</strong>
      <ul>
        {rejects.map((r) => (
          <li key={r.mutationId}>
            {label(r.table)} {r.key.slice(0, 8)}: {REASON_KEYS[r.reason] ? t(REASON_KEYS[r.reason] ?? 'sync.reason.validation') : r.reason} {r.message && `(${r.message})`}
          </li>
        ))}
      </ul>
      <button type="button" className="sync-btn" onClick={() => void db.syncRejects.clear()}>
        {t('sync.rejected.dismiss')}
      </button>
    </section>
  );
}
