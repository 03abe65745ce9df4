import { useState } from 'react';
import { checkPassport, checkResidentId } from '../../shared/id-number';
import type { IdType } from '../../shared/domain/visit';
import type { Letter } from '../../shared/domain/card';
import { ErrorSummary, Field } from '../console/Field';
import { useT, type MessageKey } from '../i18n';
import { submitApplication, type NewApplication } from './card-life';
import { errorText, useActor } from './shared-ui';

const today = (): string => new Date().toLocaleDateString('sv');
const inAYear = (): string => {
  const d = new Date();
  d.setFullYear(d.getFullYear() + 1);
  d.setDate(d.getDate() - 1);
  return d.toLocaleDateString('sv');
};

type Draft = Omit<NewApplication, 'letter' | 'photo'> & { letter: Letter | null; photo: string | null };
const blank = (): Draft => ({
  company: '',
  holderName: '',
  idType: 'resident',
  idNumber: '',
  phone: '',
  areas: '',
  validFrom: today(),
  validTo: inAYear(),
  salesRep: '',
  letter: null,
  photo: null,
});

type Problems = Partial<Record<keyof Draft, MessageKey>>;

function check(d: Draft): { problems: Problems; idNumber: string } {
  const p: Problems = {};
  for (const k of ['company', 'holderName', 'phone', 'areas', 'salesRep'] as const)
    if (!d[k].trim()) p[k] = 'cards.apply.required';
  const id = d.idType === 'resident' ? checkResidentId(d.idNumber) : checkPassport(d.idNumber);
  if (!id.ok)
    p.idNumber = d.idType === 'resident' ? 'cards.apply.badResidentId' : 'cards.apply.badPassport';
  if (!/^\+?[\d\s-]{7,20}$/.test(d.phone.trim()) && !p.phone) p.phone = 'cards.apply.badPhone';
  if (!d.validFrom || !d.validTo || d.validTo < d.validFrom) p.validTo = 'cards.apply.badValidity';
  if (!d.letter) p.letter = 'cards.apply.needLetter';
  return { problems: p, idNumber: id.value };
}

const readLetter = (file: File): Promise<Letter> =>
  new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve({ name: file.name, type: file.type, dataUrl: String(r.result) });
    r.onerror = () => reject(r.error ?? new Error('read failed'));
    r.readAsDataURL(file);
  });

/** Sales fills the application (申请表) and attaches the letter of introduction (单位介绍信), R-K2. */
export function ApplyScreen(): React.JSX.Element {
  const t = useT();
  const actor = useActor();
  const [d, setD] = useState<Draft>(blank);
  const [attempt, setAttempt] = useState(0);
  const [shown, setShown] = useState<Problems>({});
  const [done, setDone] = useState('');
  const [failure, setFailure] = useState('');
  // Bumped after a submit: remounts the form so the file input (uncontrolled by nature) empties too.
  const [formKey, setFormKey] = useState(0);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]): void => setD((x) => ({ ...x, [k]: v }));

  const onFile = async (file: File | undefined): Promise<void> => {
    if (!file) return set('letter', null);
    if (!/^(image\/(png|jpeg|webp)|application\/pdf)$/.test(file.type) || file.size > 8_000_000) {
      set('letter', null);
      setShown((s) => ({ ...s, letter: 'cards.apply.badLetter' }));
      return;
    }
    set('letter', await readLetter(file));
    setShown((s) => ({ ...s, letter: undefined }));
  };

  /** The holder's photo for the printed card (R-K3): optional, PNG or JPEG, at most 1 MB; `capture` opens a camera where there is one. */
  const onPhoto = async (file: File | undefined): Promise<void> => {
    if (!file) return set('photo', null);
    if (!/^image\/(png|jpeg)$/.test(file.type) || file.size > 1_000_000) {
      set('photo', null);
      setShown((s) => ({ ...s, photo: 'cards.apply.badPhoto' }));
      return;
    }
    set('photo', (await readLetter(file)).dataUrl);
    setShown((s) => ({ ...s, photo: undefined }));
  };

  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    setDone('');
    setFailure('');
    const { problems, idNumber } = check(d);
    setShown(problems);
    setAttempt((a) => a + 1);
    if (Object.keys(problems).length > 0 || !d.letter) return;
    try {
      await submitApplication(actor, {
        ...d,
        idNumber,
        letter: d.letter,
        company: d.company.trim(),
        holderName: d.holderName.trim(),
      });
      setDone(t('cards.apply.submitted', { name: d.holderName.trim() }));
      setD(blank());
      setFormKey((k) => k + 1);
      setShown({});
      setAttempt(0);
    } catch (err) {
      setFailure(errorText(t, err));
    }
  };

  const err = (k: keyof Draft): string | undefined => (shown[k] ? t(shown[k]) : undefined);
  const summary = (Object.keys(shown) as (keyof Draft)[])
    .filter((k) => shown[k])
    .map((k) => ({ id: `apply-${k}`, text: t(shown[k]!) }));
  const text = (
    k: 'company' | 'holderName' | 'phone' | 'areas' | 'salesRep',
    label: MessageKey,
    hint?: MessageKey,
  ): React.JSX.Element => (
    <Field id={`apply-${k}`} label={t(label)} error={err(k)} {...(hint ? { hint: t(hint) } : {})}>
      {(a) => <input {...a} value={d[k]} onChange={(e) => set(k, e.target.value)} />}
    </Field>
  );

  return (
    <section className="screen cards-apply">
      <div className="toolbar">
        <h2>{t('cards.apply.title')}</h2>
      </div>
      <p className="hint">{t('cards.apply.intro')}</p>
      {done && (
        <p className="notice" role="status">
          {done}
        </p>
      )}
      {failure && (
        <p className="notice warn" role="alert">
          {failure}
        </p>
      )}
      <ErrorSummary items={summary} attempt={attempt} />
      <form key={formKey} className="form cards-form" noValidate onSubmit={(e) => void submit(e)}>
        {text('company', 'cards.field.company')}
        {text('holderName', 'cards.field.holderName')}
        <Field id="apply-idType" label={t('cards.field.idType')}>
          {(a) => (
            <select
              {...a}
              value={d.idType}
              onChange={(e) =>
                set(
                  'idType',
                  e.target.value === 'passport' ? 'passport' : ('resident' satisfies IdType),
                )
              }
            >
              <option value="resident">{t('cards.idType.resident')}</option>
              <option value="passport">{t('cards.idType.passport')}</option>
            </select>
          )}
        </Field>
        <Field id="apply-idNumber" label={t('cards.field.idNumber')} error={err('idNumber')}>
          {(a) => (
            <input
              {...a}
              value={d.idNumber}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => set('idNumber', e.target.value)}
            />
          )}
        </Field>
        {text('phone', 'cards.field.phone')}
        {text('areas', 'cards.field.areas', 'cards.field.areas.hint')}
        <div className="row">
          <Field id="apply-validFrom" label={t('cards.field.validFrom')}>
            {(a) => (
              <input
                {...a}
                type="date"
                value={d.validFrom}
                onChange={(e) => set('validFrom', e.target.value)}
              />
            )}
          </Field>
          <Field id="apply-validTo" label={t('cards.field.validTo')} error={err('validTo')}>
            {(a) => (
              <input
                {...a}
                type="date"
                value={d.validTo}
                onChange={(e) => set('validTo', e.target.value)}
              />
            )}
          </Field>
        </div>
        {text('salesRep', 'cards.field.salesRep')}
        <Field
          id="apply-letter"
          label={t('cards.field.letter')}
          hint={t('cards.field.letter.hint')}
          error={err('letter')}
        >
          {(a) => (
            <input
              {...a}
              type="file"
              accept="image/png,image/jpeg,image/webp,application/pdf"
              onChange={(e) => void onFile(e.target.files?.[0])}
            />
          )}
        </Field>
        <Field
          id="apply-photo"
          label={t('cards.field.photo')}
          hint={t('cards.field.photo.hint')}
          error={err('photo')}
        >
          {(a) => (
            <input
              {...a}
              type="file"
              accept="image/png,image/jpeg"
              capture="user"
              onChange={(e) => void onPhoto(e.target.files?.[0])}
            />
          )}
        </Field>
        {d.photo && (
          <img className="photo-thumb" src={d.photo} alt={t('cards.field.photo.preview')} />
        )}
        {d.letter?.type.startsWith('image/') && (
          <img
            className="letter-preview"
            src={d.letter.dataUrl}
            alt={t('cards.field.letter.preview')}
          />
        )}
        <div className="actions">
          <button type="submit" className="btn primary">
            {t('cards.apply.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
