import { useEffect } from 'react';
import { useSettings } from '../app-store';
import '../styles/kiosk.css';
import { AppointmentScreen } from './AppointmentScreen';
import { CategoryScreen } from './CategoryScreen';
import { CodeScreen } from './CodeScreen';
import { DoneScreen, ReceptionScreen } from './DoneScreen';
import { HostScreen } from './HostScreen';
import { IdlePrompt } from './IdlePrompt';
import { IdScreen } from './IdScreen';
import { ReachBanner, TopBar } from './Layout';
import { NdaScreen } from './NdaScreen';
import { SignOutScreen, SurveyScreen, ThanksScreen } from './SignOutScreens';
import { useKiosk, type Screen } from './store';
import { useIdle } from './useIdle';
import { useReachBand } from './useReachBand';
import { CompanyScreen, NameScreen, PhoneScreen, ReturningScreen } from './WalkInBasics';
import { Welcome } from './Welcome';

const SCREENS: Record<Screen, () => React.JSX.Element | null> = {
  welcome: Welcome,
  code: CodeScreen,
  appointment: AppointmentScreen,
  phone: PhoneScreen,
  returning: ReturningScreen,
  name: NameScreen,
  company: CompanyScreen,
  category: CategoryScreen,
  host: HostScreen,
  id: IdScreen,
  nda: NdaScreen,
  done: DoneScreen,
  reception: ReceptionScreen,
  signOut: SignOutScreen,
  survey: SurveyScreen,
  thanks: ThanksScreen,
};

/** Screens that return to welcome on their own timer; the idle prompt is for the others. */
const SELF_TIMED: ReadonlySet<Screen> = new Set(['welcome', 'done', 'thanks']);

export default function KioskApp(): React.JSX.Element {
  const screen = useKiosk((s) => s.screen);
  const session = useKiosk((s) => s.session);
  const largeText = useKiosk((s) => s.largeText);
  const { kioskIdleSeconds, kioskCountdownSeconds } = useSettings();
  const { idle, resume } = useIdle(!SELF_TIMED.has(screen), kioskIdleSeconds);
  const Current = SCREENS[screen];
  const band = useReachBand();
  useEffect(() => {
    document.body.classList.add('kiosk');
    return () => document.body.classList.remove('kiosk');
  }, []);
  // K5: what sits outside the app's tree (the sync status chip) grows with large text too.
  useEffect(() => {
    document.body.toggleAttribute('data-large-text', largeText);
    return () => document.body.removeAttribute('data-large-text');
  }, [largeText]);
  return (
    <div
      className={`k-app${largeText ? ' k-large' : ''}`}
      style={{ '--k-reach-top': `${band.topPx}px`, '--k-reach-bottom': `${band.bottomPx}px` } as React.CSSProperties}
    >
      {/* K2: above the reach limit only read-only content; every control is laid out below it. */}
      {band.topPx > 0 ? <ReachBanner /> : null}
      <TopBar showCompany={screen !== 'welcome'} inert={idle} />
      {/* The session key remounts screens after a reset so camera and canvas are released (K16). */}
      <div className="k-screen" key={`${session}-${screen}`} inert={idle}>
        <Current />
      </div>
      {idle ? <IdlePrompt seconds={kioskCountdownSeconds} onContinue={resume} /> : null}
    </div>
  );
}
