import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { unexplainedEquipment, type WorkVisit } from '../../shared/domain/card';
import { Field } from '../console/Field';
import { db } from '../db/schema';
import { useT, type MessageKey } from '../i18n';
import { errorText, useActor, useLocalTime } from './shared-ui';
import {
  WorkVisitError,
  approveWorkVisit,
  completeWorkVisit,
  enterMachineRoom,
  updateEquipment,
  type NewWorkVisit,
} from './work-visits';

const FIELDS = ['name', 'company', 'work', 'areas', 'approver', 'escort', 'credential'] as const;
type Draft = Record<(typeof FIELDS)[number] | 'equipment', string>;
const blank: Draft = {
  name: '',
  company: '',
  work: '',
  areas: '',
  approver: '',
  escort: '',
  credential: '',
  equipment: '',
};

function VisitRow({ v }: { v: WorkVisit }): React.JSX.Element {
  const t = useT();
  const actor = useActor();
  const time = useLocalTime();
  const [error, setError] = useState('');
  const act = (work: () => Promise<void>): void => {
    setError('');
    work().catch((err: unknown) =>
      setError(
        err instanceof WorkVisitError && err.code === 'cards.work.missingEquipment'
          ? t('cards.work.missingEquipment', { items: err.items.join('、') })
          : errorText(t, err),
      ),
    );
  };
  const setItem = (i: number, patch: Partial<WorkVisit['equipment'][number]>): void =>
    act(() =>
      updateEquipment(
        actor,
        v.id,
        v.equipment.map((e, j) => (j === i ? { ...e, ...patch } : e)),
      ),
    );
  const missing = unexplainedEquipment(v).length;
  return (
    <li className={`work-visit work-${v.state}`}>
      <div className="work-head">
        <strong>{v.name}</strong> {v.company} · {v.work} · {v.areas}
        <span className={`tag`}>{t(`cards.work.state.${v.state}`)}</span>
      </div>
      <p className="sub">
        {t('cards.work.line', {
          approver: v.approver,
          escort: v.escort,
          credential: v.credential || '—',
          in: time(v.timeIn),
          out: time(v.timeOut),
        })}
        {v.completedBy && ` · ${t('cards.work.completedBy', { by: v.completedBy })}`}
      </p>
      {v.equipment.length > 0 && (
        <ul className="equipment" aria-label={t('cards.work.equipmentOf', { name: v.name })}>
          {v.equipment.map((e, i) => (
            <li key={`${e.name}-${i}`}>
              <label className="inline-check">
                <input
                  type="checkbox"
                  className="check"
                  checked={e.checkedOut}
                  disabled={v.state === 'done'}
                  onChange={(ev) => setItem(i, { checkedOut: ev.target.checked })}
                />
                {t('cards.work.checkedOut', { item: e.name })}
              </label>
              {!e.checkedOut && v.state !== 'done' && (
                <input
                  aria-label={t('cards.work.note', { item: e.name })}
                  placeholder={t('cards.work.notePlaceholder')}
                  defaultValue={e.note}
                  onBlur={(ev) =>
                    ev.target.value !== e.note && setItem(i, { note: ev.target.value })
                  }
                />
              )}
              {!e.checkedOut && e.note && v.state === 'done' && (
                <span className="sub"> {e.note}</span>
              )}
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
      <div className="row-actions">
        {v.state === 'approved' && (
          <button
            type="button"
            className="btn small primary"
            onClick={() => act(() => enterMachineRoom(actor, v.id))}
          >
            {t('cards.work.enter')}
          </button>
        )}
        {v.state === 'inRoom' && (
          <button
            type="button"
            className="btn small primary"
            aria-describedby={missing ? `missing-${v.id}` : undefined}
            onClick={() => act(() => completeWorkVisit(actor, v.id, v.escort))}
          >
            {t('cards.work.complete', { escort: v.escort })}
          </button>
        )}
        {v.state === 'inRoom' && missing > 0 && (
          <span id={`missing-${v.id}`} className="sub">
            {t('cards.work.stillMissing', { count: missing })}
          </span>
        )}
      </div>
    </li>
  );
}

/** Machine-room work visits (施工/设备操作, R-P4): approval, escort (随工), equipment in and out. */
export function WorkScreen(): React.JSX.Element {
  const t = useT();
  const actor = useActor();
  const visits =
    useLiveQuery(() => db.workVisits.orderBy('approvedAt').reverse().limit(200).toArray(), []) ??
    [];
  const [d, setD] = useState<Draft>(blank);
  const [error, setError] = useState('');
  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    const empty = (['name', 'work', 'areas', 'approver', 'escort'] as const).filter(
      (k) => !d[k].trim(),
    );
    if (empty.length > 0) return setError(t('cards.work.needFields'));
    const input: NewWorkVisit = {
      ...d,
      equipment: d.equipment
        .split(/[\n,，、]/)
        .map((s) => s.trim())
        .filter(Boolean),
    };
    try {
      await approveWorkVisit(actor, input);
      setD(blank);
      setError('');
    } catch (err) {
      setError(errorText(t, err));
    }
  };
  const label = (k: keyof Draft): MessageKey => `cards.work.field.${k}`;
  return (
    <section className="screen cards-work">
      <div className="toolbar">
        <h2>{t('cards.work.title')}</h2>
      </div>
      <div className="work-layout">
        <form
          className="form cards-form"
          noValidate
          onSubmit={(e) => void submit(e)}
          aria-label={t('cards.work.new')}
        >
          <h3>{t('cards.work.new')}</h3>
          {FIELDS.map((k) => (
            <Field key={k} id={`work-${k}`} label={t(label(k))}>
              {(a) => (
                <input {...a} value={d[k]} onChange={(e) => setD({ ...d, [k]: e.target.value })} />
              )}
            </Field>
          ))}
          <Field
            id="work-equipment"
            label={t(label('equipment'))}
            hint={t('cards.work.equipmentHint')}
          >
            {(a) => (
              <textarea
                {...a}
                rows={3}
                value={d.equipment}
                onChange={(e) => setD({ ...d, equipment: e.target.value })}
              />
            )}
          </Field>
          {error && (
            <p role="alert" className="field-error">
              {error}
            </p>
          )}
          <div className="actions">
            <button type="submit" className="btn primary">
              {t('cards.work.approve')}
            </button>
          </div>
        </form>
        <ul className="work-list" aria-label={t('cards.work.list')}>
          {visits.length === 0 && <li className="empty-note">{t('cards.work.empty')}</li>}
          {visits.map((v) => (
            <VisitRow key={v.id} v={v} />
          ))}
        </ul>
      </div>
    </section>
  );
}
