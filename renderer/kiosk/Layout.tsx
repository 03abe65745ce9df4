import { useState } from 'react';
import { useSettings } from '../app-store';
import { otherLocale, useLocale, useT } from '../i18n';
import { ErrorSummary } from './ErrorSummary';
import type { DockProps } from './keyboard/KeyboardDock';
import { OnScreenKeyboard } from './keyboard/OnScreenKeyboard';
import { useKiosk } from './store';

/** K21: same corner on every screen, labelled with the other language's own name, never a flag. */
export function LanguageButton(): React.JSX.Element {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const setLocale = useLocale((s) => s.setLocale);
  const other = otherLocale(locale);
  return (
    <button type="button" className="k-lang" lang={other} onClick={() => setLocale(other)}>
      {t('lang.switch')}
    </button>
  );
}

/** K5: the large-text mode, next to the language button on every screen. */
export function LargeTextButton(): React.JSX.Element {
  const t = useT();
  const on = useKiosk((s) => s.largeText);
  const toggle = useKiosk((s) => s.toggleLargeText);
  return (
    <button type="button" className="k-lang k-large-toggle" aria-pressed={on} onClick={toggle}>
      <span aria-hidden="true">{on ? '✓ ' : ''}</span>
      {t('kiosk.largeText')}
    </button>
  );
}

/** The welcome screen names the company itself, so the bar leaves it out there. */
export function TopBar({ showCompany, inert }: { showCompany: boolean; inert: boolean }): React.JSX.Element {
  const locale = useLocale((s) => s.locale);
  const settings = useSettings();
  return (
    <header className="k-top" inert={inert}>
      <p className="k-company">{showCompany ? (locale === 'zh-CN' ? settings.companyName : settings.companyNameEn) : null}</p>
      <div className="k-top-right">
        <LargeTextButton />
        <LanguageButton />
      </div>
    </header>
  );
}

/** K2: what fills the strip of a tall panel above the visitor's reach: the company's name, nothing to tap. */
export function ReachBanner(): React.JSX.Element {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const settings = useSettings();
  return (
    <div className="k-reach-banner" aria-hidden="true">
      <p className="k-reach-company">{locale === 'zh-CN' ? settings.companyName : settings.companyNameEn}</p>
      <p className="k-reach-lead">{t('kiosk.reach.lead')}</p>
    </div>
  );
}

/** Back / start over / ask reception, on every screen after welcome (K9). */
export function NavBar({ showBack = true, showStartOver = true }: { showBack?: boolean; showStartOver?: boolean }): React.JSX.Element {
  const t = useT();
  const back = useKiosk((s) => s.back);
  const reset = useKiosk((s) => s.reset);
  const toReception = useKiosk((s) => s.toReception);
  return (
    <nav className="k-nav">
      {showBack ? (
        <button type="button" className="k-button k-secondary" onClick={back}>
          <span aria-hidden="true">← </span>
          {t('kiosk.nav.back')}
        </button>
      ) : (
        <span />
      )}
      <div className="k-nav-right">
        {showStartOver ? (
          <button type="button" className="k-button k-secondary" onClick={reset}>
            {t('kiosk.nav.startOver')}
          </button>
        ) : null}
        <button type="button" className="k-button k-secondary" onClick={toReception}>
          {t('kiosk.nav.help')}
        </button>
      </div>
    </nav>
  );
}

interface QuestionProps {
  title: string;
  lead?: React.ReactNode;
  children: React.ReactNode;
  onContinue: () => void;
  continueLabel?: string;
  wide?: boolean;
  /** The in-app keyboard for the screen's text field (K18). */
  keyboard?: DockProps;
  /**
   * On screens where the text field is not the whole question, the keyboard is
   * open only while its field has focus (it starts open when `true`), so the
   * choices, consent and error summary keep the room.
   */
  keyboardWhileFocused?: boolean;
}

/** One question per screen (K9): the heading is the question, one full-width Continue. */
export function QuestionScreen({ title, lead, children, onContinue, continueLabel, wide, keyboard, keyboardWhileFocused }: QuestionProps): React.JSX.Element {
  const t = useT();
  const [focused, setFocused] = useState(keyboardWhileFocused ?? true);
  const showKeyboard = keyboard && (keyboardWhileFocused === undefined || focused);
  return (
    <>
      <main className={`k-main${wide ? ' k-wide' : ''}`} onFocus={keyboardWhileFocused === undefined ? undefined : (e) => setFocused(e.target.id === keyboard?.inputId)}>
        <ErrorSummary />
        <form
          className="k-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            onContinue();
          }}
        >
          <h1 className="k-h1">{title}</h1>
          {lead ? <div className="k-lead">{lead}</div> : null}
          {children}
          <button type="submit" className="k-button k-primary k-full">
            {continueLabel ?? t('kiosk.nav.continue')}
          </button>
        </form>
      </main>
      <NavBar />
      {showKeyboard ? <OnScreenKeyboard {...keyboard} /> : null}
    </>
  );
}
