import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import { numbersDiffer, parsePassNumbers, type HandoverSheet } from '../../shared/domain/pass';
import { useApp } from '../app-store';
import { dayTime, hhmm } from '../console/format';
import { checkWithGuard, markPrinted, sheetDraft, signSheet, type CheckResult } from '../db/handover';
import { db } from '../db/schema';
import { useLocale, useT } from '../i18n';
import { SignaturePad } from './SignaturePad';
import { useEscalationMail } from './escalation-mail';
import { usePassesUi } from './passes-ui';

const list = (xs: readonly string[], none: string): string => (xs.length ? xs.join(', ') : none);

/** R-P3: the 09:00 handover sheet (交接表) for one day, filled in, signed by both, printed on A4 and kept. */
export function Handover({ actor }: { actor: string }): React.JSX.Element | null {
  const day = usePassesUi((s) => s.sheetDay);
  const kept = useLiveQuery(() => (day ? db.handoverSheets.where('day').equals(day).first() : undefined), [day]);
  if (!day) return null;
  if (kept === undefined) return <SheetForm key={day} day={day} actor={actor} />;
  return <SignedSheet sheet={kept} actor={actor} />;
}

function SheetHead({ day, number, provisional }: { day: string; number: string; provisional: boolean }): React.JSX.Element {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const company = useApp((s) => (locale === 'zh-CN' ? s.info?.settings.companyName : s.info?.settings.companyNameEn));
  return (
    <>
      <h2 id="handover-title">{t('passes.handover.sheetTitle', { company: company ?? '' })}</h2>
      <dl className="sheet-meta">
        <dt>{t('passes.handover.day')}</dt>
        <dd className="num">{day}</dd>
        <dt>{t('passes.handover.number')}</dt>
        <dd className="num">
          {number} {provisional && <span className="sub">{t('passes.handover.provisional')}</span>}
        </dd>
      </dl>
    </>
  );
}

function Counts({ issued, returned, out }: { issued: string[]; returned: string[]; out: string[] }): React.JSX.Element {
  const t = useT();
  const none = t('passes.handover.noneIssued');
  return (
    <table className="console-table sheet-counts" aria-label={t('passes.handover.count')}>
      <tbody>
        <tr>
          <th scope="row">{t('passes.handover.issued', { n: issued.length })}</th>
          <td className="num">{list(issued, none)}</td>
        </tr>
        <tr>
          <th scope="row">{t('passes.handover.returned', { n: returned.length })}</th>
          <td className="num">{list(returned, none)}</td>
        </tr>
        <tr>
          <th scope="row">{t('passes.handover.out', { n: out.length })}</th>
          <td className="num">{list(out, none)}</td>
        </tr>
      </tbody>
    </table>
  );
}

function SheetForm({ day, actor }: { day: string; actor: string }): React.JSX.Element {
  const t = useT();
  const ids = useId();
  const draft = useLiveQuery(() => sheetDraft(day), [day]);
  const [guardText, setGuardText] = useState('');
  const [check, setCheck] = useState<CheckResult | null>(null);
  const [explanation, setExplanation] = useState('');
  const [names, setNames] = useState({ receptionist: actor, guard: '' });
  const [sigs, setSigs] = useState<{ receptionist: string | null; guard: string | null }>({ receptionist: null, guard: null });
  const [error, setError] = useState('');

  const runCheck = async (): Promise<CheckResult> => {
    const result = await checkWithGuard(day, parsePassNumbers(guardText), actor);
    setCheck(result);
    return result;
  };

  const sign = async (): Promise<void> => {
    setError('');
    const result = check ?? (await runCheck());
    if (result.mismatch && !explanation.trim()) return setError(t('passes.handover.needExplanation'));
    if (!names.receptionist.trim() || !names.guard.trim() || !sigs.receptionist || !sigs.guard) return setError(t('passes.handover.needSignatures'));
    try {
      await signSheet(
        {
          day,
          guardNumbers: parsePassNumbers(guardText),
          explanation,
          receptionistName: names.receptionist,
          receptionistSignature: sigs.receptionist,
          guardName: names.guard,
          guardSignature: sigs.guard,
        },
        actor,
      );
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <section className="passes-section handover-sheet" aria-labelledby="handover-title">
      <SheetHead day={day} number="--" provisional={false} />
      {draft && <Counts issued={draft.issuedNumbers} returned={draft.returnedNumbers} out={draft.outNumbers} />}
      <div className="field">
        <label htmlFor={`${ids}-guard`}>{t('passes.handover.guard')}</label>
        <p className="hint" id={`${ids}-guard-hint`}>
          {t('passes.handover.guardHint')}
        </p>
        <div className="inline">
          <input
            id={`${ids}-guard`}
            aria-describedby={`${ids}-guard-hint`}
            value={guardText}
            autoComplete="off"
            onChange={(e) => {
              setGuardText(e.target.value);
              setCheck(null);
            }}
          />
          <button type="button" className="btn" onClick={() => void runCheck()}>
            {t('passes.handover.check')}
          </button>
        </div>
      </div>
      {check && (
        <div role="status" className={check.mismatch ? 'check-result mismatch' : 'check-result match'}>
          {check.mismatch ? (
            <>
              <strong>{t('passes.handover.mismatch')}</strong>
              {/* The mail seam: escalation mail goes out once a mail channel is configured. */}
              <p className="sub">{t('passes.alert.mail')}</p>
              {check.missingAtGuard.length > 0 && <p>{t('passes.handover.missingAtGuard', { numbers: check.missingAtGuard.join(', ') })}</p>}
              {check.unknownToDesk.length > 0 && <p>{t('passes.handover.unknownToDesk', { numbers: check.unknownToDesk.join(', ') })}</p>}
            </>
          ) : (
            t('passes.handover.match', { n: draft?.issuedNumbers.length ?? 0 })
          )}
        </div>
      )}
      {check?.mismatch && (
        <div className="field">
          <label htmlFor={`${ids}-why`}>{t('passes.handover.explanation')}</label>
          <textarea
            id={`${ids}-why`}
            rows={3}
            value={explanation}
            onChange={(e) => {
              setExplanation(e.target.value);
              setError('');
            }}
          />
        </div>
      )}
      <div className="sheet-signers">
        <div>
          <div className="field">
            <label htmlFor={`${ids}-rname`}>{t('passes.handover.receptionist')}</label>
            <input id={`${ids}-rname`} value={names.receptionist} onChange={(e) => setNames({ ...names, receptionist: e.target.value })} />
          </div>
          <SignaturePad id={`${ids}-rsig`} label={t('passes.handover.receptionistSign')} onChange={(png) => setSigs((s) => ({ ...s, receptionist: png }))} />
        </div>
        <div>
          <div className="field">
            <label htmlFor={`${ids}-gname`}>{t('passes.handover.guardName')}</label>
            <input id={`${ids}-gname`} value={names.guard} onChange={(e) => setNames({ ...names, guard: e.target.value })} />
          </div>
          <SignaturePad id={`${ids}-gsig`} label={t('passes.handover.guardSign')} onChange={(png) => setSigs((s) => ({ ...s, guard: png }))} />
        </div>
      </div>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="button" className="btn primary" onClick={() => void sign()}>
          {t('passes.handover.sign')}
        </button>
      </div>
    </section>
  );
}

function SignedSheet({ sheet, actor }: { sheet: HandoverSheet; actor: string }): React.JSX.Element {
  const t = useT();
  const none = t('passes.handover.noneIssued');
  const diff = numbersDiffer(sheet.issuedNumbers, sheet.guardNumbers);
  return (
    <section className="passes-section handover-sheet signed" aria-labelledby="handover-title">
      <SheetHead day={sheet.day} number={sheet.finalNumber ?? sheet.number} provisional={sheet.finalNumber === null} />
      <p role="status" className="no-print">
        {t('passes.handover.signed', { number: sheet.number })}
      </p>
      {sheet.mismatch && <MailStatus sheet={sheet} actor={actor} />}
      <Counts issued={sheet.issuedNumbers} returned={sheet.returnedNumbers} out={sheet.outNumbers} />
      <dl className="sheet-meta">
        <dt>{t('passes.handover.guard')}</dt>
        <dd className="num">{list(sheet.guardNumbers, none)}</dd>
        <dt>{t('passes.handover.result')}</dt>
        <dd>
          <strong>{t(sheet.mismatch ? 'passes.handover.resultMismatch' : 'passes.handover.resultMatch')}</strong>
          {diff.missingAtGuard.length > 0 && <p>{t('passes.handover.missingAtGuard', { numbers: diff.missingAtGuard.join(', ') })}</p>}
          {diff.unknownToDesk.length > 0 && <p>{t('passes.handover.unknownToDesk', { numbers: diff.unknownToDesk.join(', ') })}</p>}
          {sheet.explanation && <p>{sheet.explanation}</p>}
        </dd>
        <dt>{t('passes.handover.signedAt')}</dt>
        <dd className="num">{dayTime(sheet.signedAt)}</dd>
      </dl>
      <div className="sheet-signers">
        <figure>
          <img src={sheet.receptionistSignature} alt={t('passes.handover.receptionistSign')} />
          <figcaption>
            {t('passes.handover.receptionist')}：{sheet.receptionistName}
          </figcaption>
        </figure>
        <figure>
          <img src={sheet.guardSignature} alt={t('passes.handover.guardSign')} />
          <figcaption>
            {t('passes.handover.guardName')}：{sheet.guardName}
          </figcaption>
        </figure>
      </div>
      <div className="actions no-print">
        <button
          type="button"
          className="btn primary"
          onClick={() => {
            void markPrinted(sheet.id, actor);
            window.print();
          }}
        >
          {t('passes.handover.print')}
        </button>
        <button type="button" className="btn" onClick={() => usePassesUi.getState().openSheet(null)}>
          {t('passes.handover.close')}
        </button>
      </div>
    </section>
  );
}

/** R-P3: the supervisor's mail for a mismatched sheet; its trouble is shown here, never in the way of the sheet. */
function MailStatus({ sheet, actor }: { sheet: HandoverSheet; actor: string }): React.JSX.Element {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const { state, retryNow } = useEscalationMail(sheet, actor, locale);
  if (state.phase === 'failed') {
    return (
      <div role="alert" className="check-result mismatch no-print mail-status">
        <p>
          {t(state.reason === 'refused' ? 'passes.mail.refused' : 'passes.mail.unreachable')}
          {t('passes.mail.failed', { time: hhmm(new Date(state.retryAt).toISOString()) })}
        </p>
        <p className="sub">{state.detail}</p>
        <button type="button" className="btn" onClick={retryNow}>
          {t('passes.mail.retry')}
        </button>
      </div>
    );
  }
  let text = '';
  if (state.phase === 'sending') text = t('passes.mail.sending');
  if (state.phase === 'done') {
    text =
      state.result.status === 'sent'
        ? t('passes.mail.sent', { to: state.result.recipients.join(', '), time: dayTime(state.result.sentAt) })
        : t('passes.mail.notConfigured');
  }
  return (
    <p role="status" className="sub no-print mail-status">
      {text}
    </p>
  );
}
