import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useState } from 'react';
import { DELIVERY_WAYS, type DeliveryWay, type PhoneMessage } from '../../../shared/domain/switchboard';
import { db } from '../../db/schema';
import { useT, type Translate } from '../../i18n';
import { Dialog } from '../Dialog';
import { dayTime } from '../format';
import { useActor } from '../ui-store';
import { deliverMessage } from './actions';
import { useSwitchboard } from './switchboard-ui';

function age(t: Translate, iso: string, now: number): string {
  const min = Math.max(0, Math.floor((now - Date.parse(iso)) / 60_000));
  return min < 60 ? t('calls.age.min', { n: min }) : t('calls.age.hour', { h: Math.floor(min / 60), m: min % 60 });
}

function DeliverDialog({ message, onClose }: { message: PhoneMessage; onClose: () => void }): React.JSX.Element {
  const t = useT();
  const actor = useActor();
  const id = useId();
  const [how, setHow] = useState<DeliveryWay>('phone');
  const [note, setNote] = useState('');
  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    await deliverMessage(message.id, how, note.trim(), actor);
    onClose();
  };
  return (
    <Dialog open title={t('calls.deliver.title', { name: message.forName })} onClose={onClose}>
      <form className="form" onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor={`${id}-how`}>{t('calls.deliver.how')}</label>
          <select id={`${id}-how`} value={how} onChange={(e) => setHow(DELIVERY_WAYS.find((w) => w === e.target.value) ?? 'phone')}>
            {DELIVERY_WAYS.map((w) => (
              <option key={w} value={w}>
                {t(`calls.deliver.${w}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-note`}>{t('calls.callback.note')}</label>
          <input id={`${id}-note`} value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
        <div className="actions">
          <button type="submit" className="btn primary">
            {t('calls.deliver.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** Messages (R-C6): undelivered ones stay on top with their age and a count; delivered ones show who, when and how. */
export function MessagesScreen(): React.JSX.Element {
  const t = useT();
  const takeMessage = useSwitchboard((s) => s.takeMessage);
  const open = useLiveQuery(() => db.messages.where('state').equals('open').sortBy('createdAt'), []) ?? [];
  const delivered = useLiveQuery(() => db.messages.orderBy('createdAt').reverse().filter((m) => m.state === 'delivered').limit(100).toArray(), []) ?? [];
  const [delivering, setDelivering] = useState<PhoneMessage | null>(null);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const iv = window.setInterval(() => setNow(Date.now()), 30_000);
    return () => window.clearInterval(iv);
  }, []);
  return (
    <div className="screen messages">
      <div className="toolbar">
        <h2 id="msg-open-h">
          {t('calls.msg.open')} <span className="count" data-testid="open-messages">{open.length}</span>
        </h2>
        <button type="button" className="btn primary" aria-keyshortcuts="F6" onClick={() => takeMessage()}>
          {t('calls.takeMessage')} <kbd>F6</kbd>
        </button>
      </div>
      <div className="table-wrap">
        <table className="console-table" aria-labelledby="msg-open-h">
          <thead>
            <tr>
              <th scope="col">{t('calls.msg.at')}</th>
              <th scope="col">{t('calls.msg.age')}</th>
              <th scope="col">{t('calls.msg.for')}</th>
              <th scope="col">{t('calls.msg.caller')}</th>
              <th scope="col">{t('calls.msg.content')}</th>
              <th scope="col">{t('calls.msg.urgency')}</th>
              <th scope="col">{t('calls.msg.takenBy')}</th>
              <th scope="col">{t('console.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {open.map((m) => (
              <tr key={m.id} className={m.urgency === 'urgent' ? 'row-urgent' : ''}>
                <td className="num">{dayTime(m.createdAt)}</td>
                <td className="num">{age(t, m.createdAt, now)}</td>
                <td>
                  {m.forName} <span className="sub">{m.forDept} · {m.forExt}</span>
                </td>
                <td>
                  {m.callerName || '--'} <span className="sub num">{m.callerNumber}</span>
                </td>
                <td>{m.content}</td>
                <td>{m.urgency === 'urgent' ? <span className="tag level-deny">! {t('calls.urgency.urgent')}</span> : t('calls.urgency.normal')}</td>
                <td>{m.takenBy}</td>
                <td>
                  <button type="button" className="btn small" aria-label={t('calls.deliver.of', { name: m.forName })} onClick={() => setDelivering(m)}>
                    {t('calls.deliver')}
                  </button>
                </td>
              </tr>
            ))}
            {open.length === 0 && (
              <tr>
                <td colSpan={8} className="empty">
                  {t('calls.msg.noneOpen')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <h2 id="msg-done-h">{t('calls.msg.delivered')}</h2>
      <div className="table-wrap">
        <table className="console-table" aria-labelledby="msg-done-h">
          <thead>
            <tr>
              <th scope="col">{t('calls.msg.at')}</th>
              <th scope="col">{t('calls.msg.for')}</th>
              <th scope="col">{t('calls.msg.caller')}</th>
              <th scope="col">{t('calls.msg.content')}</th>
              <th scope="col">{t('calls.deliver.by')}</th>
            </tr>
          </thead>
          <tbody>
            {delivered.map((m) => (
              <tr key={m.id}>
                <td className="num">{dayTime(m.createdAt)}</td>
                <td>{m.forName}</td>
                <td>
                  {m.callerName || '--'} <span className="sub num">{m.callerNumber}</span>
                </td>
                <td>{m.content}</td>
                <td>
                  {m.deliveredBy} · {dayTime(m.deliveredAt)} · {m.deliveredHow ? t(`calls.deliver.${m.deliveredHow}`) : '--'}
                  {m.deliveryNote && <span className="sub"> · {m.deliveryNote}</span>}
                </td>
              </tr>
            ))}
            {delivered.length === 0 && (
              <tr>
                <td colSpan={5} className="empty">
                  {t('console.empty')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {delivering && <DeliverDialog message={delivering} onClose={() => setDelivering(null)} />}
    </div>
  );
}
