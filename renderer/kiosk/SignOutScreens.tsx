import { useState } from 'react';
import { useSettings } from '../app-store';
import { saveSurvey } from '../db/visits';
import { submitBadge } from './actions';
import { useT, type MessageKey } from '../i18n';
import { log } from './finish';
import { OnScreenKeyboard } from './keyboard/OnScreenKeyboard';
import { NavBar, QuestionScreen } from './Layout';
import { useKiosk } from './store';
import { TextField } from './TextField';
import { useAutoFocus } from './useAutoFocus';
import { useCountdown } from './useCountdown';

/** R-V8: sign out by the badge code, typed or scanned (scanner types it plus Enter). */
export function SignOutScreen(): React.JSX.Element {
  const t = useT();
  const code = useKiosk((s) => s.badgeCode);
  const set = useKiosk((s) => s.set);
  const ref = useAutoFocus<HTMLInputElement>();
  return (
    <QuestionScreen title={t('kiosk.signOut.title')} continueLabel={t('kiosk.signOut.submit')} onContinue={() => void submitBadge()} keyboard={{ kind: 'latin', value: code, onChange: (v) => set({ badgeCode: v }), inputId: 'k-badge' }}>
      <TextField id="k-badge" label={t('kiosk.signOut.label')} hint={t('kiosk.signOut.hint')} value={code} onChange={(v) => set({ badgeCode: v })} inputRef={ref} className="k-input-code" />
    </QuestionScreen>
  );
}

const SCORES = [1, 2, 3, 4, 5] as const;
const SCORE_LABEL: Record<(typeof SCORES)[number], MessageKey> = {
  1: 'kiosk.survey.1',
  2: 'kiosk.survey.2',
  3: 'kiosk.survey.3',
  4: 'kiosk.survey.4',
  5: 'kiosk.survey.5',
};

/** One tap rates the visit (words and number, never colour alone, K7); the comment comes after. */
export function SurveyScreen(): React.JSX.Element | null {
  const t = useT();
  const visit = useKiosk((s) => s.visit);
  const go = useKiosk((s) => s.go);
  const [score, setScore] = useState<number | null>(null);
  if (!visit) return null;
  const rate = async (value: number): Promise<void> => {
    setScore(value);
    try {
      await saveSurvey(visit.id, value, '', 'kiosk');
      useKiosk.getState().set({ visit: { ...visit, surveyScore: value } });
    } catch (err) {
      log(`kiosk survey failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    go('thanks');
  };
  return (
    <>
      <main className="k-main k-wide">
        <h1 className="k-h1">{t('kiosk.survey.title')}</h1>
        <p className="k-lead">{t('kiosk.survey.lead', { name: visit.name })}</p>
        <div className="k-scores">
          {SCORES.map((s) => (
            <button key={s} type="button" className="k-score" aria-pressed={score === s} onClick={() => void rate(s)}>
              <span className="k-score-number">{s}</span>
              <span>{t(SCORE_LABEL[s])}</span>
            </button>
          ))}
        </div>
        <button type="button" className="k-button k-secondary" onClick={() => go('thanks')}>
          {t('kiosk.survey.skip')}
        </button>
      </main>
      <NavBar showBack={false} />
    </>
  );
}

/** Thanks, with an optional comment; returns to welcome by itself (K15). */
export function ThanksScreen(): React.JSX.Element {
  const t = useT();
  const visit = useKiosk((s) => s.visit);
  const reset = useKiosk((s) => s.reset);
  const { kioskDoneSeconds } = useSettings();
  const [comment, setComment] = useState('');
  const [sent, setSent] = useState(false);
  // The comment is optional: its keyboard opens when the visitor taps the box (K18).
  const [typing, setTyping] = useState(false);
  // The comment box gets more time than the done screen: typing takes a while.
  const left = useCountdown(kioskDoneSeconds * 5, reset);
  const send = async (): Promise<void> => {
    if (!visit?.surveyScore || !comment.trim()) return;
    try {
      await saveSurvey(visit.id, visit.surveyScore, comment, 'kiosk');
      setSent(true);
    } catch (err) {
      log(`kiosk comment failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  return (
    <>
      <main className="k-main" onFocus={(e) => setTyping(e.target.id === 'k-comment')}>
        <h1 className="k-h1">{t('kiosk.thanks.title')}</h1>
        {sent ? (
          <p className="k-lead" role="status">
            {t('kiosk.thanks.sent')}
          </p>
        ) : visit?.surveyScore ? (
          <form
            className="k-form"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void send();
            }}
          >
            <TextField id="k-comment" label={t('kiosk.thanks.comment')} value={comment} onChange={setComment} />
            <button type="submit" className="k-button k-secondary">
              {t('kiosk.thanks.send')}
            </button>
          </form>
        ) : null}
        <button type="button" className="k-button k-primary k-full" onClick={reset}>
          {t('kiosk.done.finish')}
        </button>
        <p className="k-hint">{t('kiosk.done.auto', { seconds: left })}</p>
      </main>
      {/* K20: a screen that asks for text offers reception's help too. */}
      <NavBar showBack={false} showStartOver={false} />
      {typing && !sent ? <OnScreenKeyboard kind="pinyin" value={comment} onChange={setComment} inputId="k-comment" /> : null}
    </>
  );
}
