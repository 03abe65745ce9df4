import QRCode from 'qrcode';
import { useEffect, useId, useState } from 'react';
import { ID_TYPES, VISIT_CATEGORIES, type Appointment, type IdType, type VisitCategory } from '../../shared/domain/visit';
import { idProblem } from '../../shared/domain/visitor-input';
import { checkMobile } from '../../shared/phone';
import { useSettings } from '../app-store';
import { AppointmentError, createAppointment } from '../db/appointments';
import { hasMessage, useT, type MessageKey } from '../i18n';
import { Dialog } from './Dialog';
import { ErrorSummary, Field } from './Field';
import { StaffPicker } from './StaffPicker';
import { toLocalInput } from './format';
import { useActor } from './ui-store';

interface Draft {
  name: string;
  company: string;
  phone: string;
  idType: IdType;
  idNumber: string;
  category: VisitCategory | '';
  purpose: string;
  hostId: string;
  start: string;
  end: string;
  vip: boolean;
  emergency: boolean;
  emergencyReason: string;
}

function initialDraft(): Draft {
  const start = new Date();
  start.setMinutes(0, 0, 0);
  start.setHours(start.getHours() + 1);
  const end = new Date(start.getTime() + 2 * 3600_000);
  return { name: '', company: '', phone: '', idType: 'resident', idNumber: '', category: '', purpose: '', hostId: '', start: toLocalInput(start), end: toLocalInput(end), vip: false, emergency: false, emergencyReason: '' };
}

type Problem = { field: keyof Draft; key: MessageKey };

function check(d: Draft): Problem[] {
  const out: Problem[] = [];
  if (!d.name.trim()) out.push({ field: 'name', key: 'field.name.empty' });
  const phone = checkMobile(d.phone);
  if (!phone.ok) out.push({ field: 'phone', key: phone.problem === 'empty' ? 'field.phone.empty' : 'field.phone.format' });
  // The ID is optional when booking: the visitor may bring it on the day.
  if (d.idNumber.trim()) {
    const p = idProblem(d.idType, d.idNumber.trim().toUpperCase());
    const key = `field.idNumber.${p ?? ''}`;
    if (p) out.push({ field: 'idNumber', key: hasMessage(key) ? key : 'field.idNumber.format' });
  }
  if (!d.category) out.push({ field: 'category', key: 'field.category.empty' });
  if (!d.hostId) out.push({ field: 'hostId', key: 'field.hostId.empty' });
  if (!d.start || !d.end) out.push({ field: 'start', key: 'console.appt.error.time' });
  return out;
}

const APPT_ERRORS: Record<string, MessageKey> = {
  vipLeadTime: 'console.appt.error.vipLeadTime',
  emergencyReason: 'console.appt.error.emergencyReason',
  endBeforeStart: 'console.appt.error.endBeforeStart',
};

/** Shows the code to read out and its QR for the visitor's phone (R-V1). */
function CodeCard({ appointment }: { appointment: Appointment }): React.JSX.Element {
  const t = useT();
  const [qr, setQr] = useState('');
  useEffect(() => {
    let live = true;
    void QRCode.toDataURL(appointment.code, { margin: 1, width: 160 }).then((url) => {
      if (live) setQr(url);
    });
    return () => {
      live = false;
    };
  }, [appointment.code]);
  return (
    <div className="code-card" role="status">
      <p>{t('console.appt.created', { name: appointment.name })}</p>
      <p className="code">
        {t('console.appt.code')} <strong className="num" data-testid="appointment-code">{appointment.code}</strong>
      </p>
      {appointment.approval === 'pending' && <p>{t('console.appt.pendingNote')}</p>}
      {appointment.approval === 'emergency' && <p>{t('console.appt.emergencyNote')}</p>}
      {qr && <img src={qr} width={160} height={160} alt={t('console.appt.qrAlt', { code: appointment.code })} />}
    </div>
  );
}

export function AppointmentForm({ onClose }: { onClose: () => void }): React.JSX.Element {
  const t = useT();
  const actor = useActor();
  const settings = useSettings();
  const base = useId();
  const [d, setD] = useState<Draft>(initialDraft);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [created, setCreated] = useState<Appointment | null>(null);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]): void => setD((x) => ({ ...x, [k]: v }));
  const fid = (f: keyof Draft): string => `${base}-${f}`;
  const err = (f: keyof Draft): string | undefined => {
    const p = problems.find((x) => x.field === f);
    return p ? t(p.key) : undefined;
  };
  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    setAttempt((n) => n + 1);
    const found = check(d);
    setProblems(found);
    if (found.length > 0 || !d.category) return;
    const mobile = checkMobile(d.phone);
    try {
      const a = await createAppointment(
        {
          name: d.name,
          company: d.company,
          phone: mobile.ok ? mobile.value : d.phone,
          idType: d.idType,
          idNumber: d.idNumber.trim().toUpperCase(),
          category: d.category,
          purpose: d.purpose,
          hostId: d.hostId,
          expectedAt: new Date(d.start).toISOString(),
          expectedEnd: new Date(d.end).toISOString(),
          vip: d.vip,
          emergency: d.emergency,
          emergencyReason: d.emergencyReason,
        },
        actor,
        { holidays: new Set(settings.holidays), workingWeekends: new Set(settings.workingWeekends) },
      );
      setCreated(a);
    } catch (x) {
      if (!(x instanceof AppointmentError)) throw x;
      const field: keyof Draft = x.problem === 'endBeforeStart' ? 'end' : x.problem === 'emergencyReason' ? 'emergencyReason' : 'vip';
      setProblems([{ field, key: APPT_ERRORS[x.problem] ?? 'console.appt.error.time' }]);
    }
  };
  return (
    <Dialog open title={t('console.appt.new')} onClose={onClose}>
      {created ? (
        <>
          <CodeCard appointment={created} />
          <div className="actions">
            <button type="button" className="btn primary" autoFocus onClick={onClose}>
              {t('console.done')}
            </button>
          </div>
        </>
      ) : (
        <form className="form" noValidate onSubmit={(e) => void submit(e)}>
          <ErrorSummary attempt={attempt} items={problems.map((p) => ({ id: fid(p.field), text: t(p.key) }))} />
          <Field id={fid('name')} label={t('console.field.name')} error={err('name')}>
            {(a) => <input {...a} autoFocus value={d.name} autoComplete="name" spellCheck={false} onChange={(e) => set('name', e.target.value)} />}
          </Field>
          <div className="row">
            <Field id={fid('company')} label={t('console.field.company')}>
              {(a) => <input {...a} value={d.company} onChange={(e) => set('company', e.target.value)} />}
            </Field>
            <Field id={fid('phone')} label={t('console.field.phone')} error={err('phone')}>
              {(a) => <input {...a} type="tel" value={d.phone} onChange={(e) => set('phone', e.target.value)} />}
            </Field>
          </div>
          <div className="row">
            <Field id={fid('idType')} label={t('console.field.idType')}>
              {(a) => (
                <select {...a} value={d.idType} onChange={(e) => set('idType', ID_TYPES.find((x) => x === e.target.value) ?? 'resident')}>
                  {ID_TYPES.map((x) => (
                    <option key={x} value={x}>
                      {t(`idType.${x}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field id={fid('idNumber')} label={`${t('console.field.idNumber')} ${t('console.optional')}`} error={err('idNumber')}>
              {(a) => <input {...a} value={d.idNumber} spellCheck={false} onChange={(e) => set('idNumber', e.target.value)} />}
            </Field>
          </div>
          <div className="row">
            <Field id={fid('category')} label={t('console.field.category')} error={err('category')}>
              {(a) => (
                <select {...a} value={d.category} onChange={(e) => set('category', VISIT_CATEGORIES.find((c) => c === e.target.value) ?? '')}>
                  <option value="">{t('console.choose')}</option>
                  {VISIT_CATEGORIES.map((c) => (
                    <option key={c} value={c}>
                      {t(`category.${c}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field id={fid('purpose')} label={t('console.field.purpose')}>
              {(a) => <input {...a} value={d.purpose} onChange={(e) => set('purpose', e.target.value)} />}
            </Field>
          </div>
          <StaffPicker purpose="host" inputId={fid('hostId')} staffId={d.hostId} error={err('hostId')} onChange={(id) => set('hostId', id)} />
          <div className="row">
            <Field id={fid('start')} label={t('console.field.start')} error={err('start')}>
              {(a) => <input {...a} type="datetime-local" value={d.start} onChange={(e) => set('start', e.target.value)} />}
            </Field>
            <Field id={fid('end')} label={t('console.field.end')} error={err('end')}>
              {(a) => <input {...a} type="datetime-local" value={d.end} onChange={(e) => set('end', e.target.value)} />}
            </Field>
          </div>
          <Field id={fid('vip')} label={t('console.field.vip')} hint={t('console.field.vip.hint')} error={err('vip')}>
            {(a) => <input {...a} type="checkbox" className="check" checked={d.vip} onChange={(e) => set('vip', e.target.checked)} />}
          </Field>
          {d.vip && (
            <>
              <Field id={fid('emergency')} label={t('console.field.emergency')} hint={t('console.field.emergency.hint')}>
                {(a) => <input {...a} type="checkbox" className="check" checked={d.emergency} onChange={(e) => set('emergency', e.target.checked)} />}
              </Field>
              {d.emergency && (
                <Field id={fid('emergencyReason')} label={t('console.field.emergencyReason')} error={err('emergencyReason')}>
                  {(a) => <input {...a} value={d.emergencyReason} onChange={(e) => set('emergencyReason', e.target.value)} />}
                </Field>
              )}
            </>
          )}
          <div className="actions">
            <button type="submit" className="btn primary">
              {t('console.appt.create')}
            </button>
            <button type="button" className="btn" onClick={onClose}>
              {t('console.cancel')}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
