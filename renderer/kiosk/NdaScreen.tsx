import { useEffect, useRef } from 'react';
import { useT } from '../i18n';
import { FieldError, useDescribedBy } from './ErrorSummary';
import { checkStep, finishSignIn } from './finish';
import { QuestionScreen } from './Layout';
import { useKiosk } from './store';

const WIDTH = 1000;
const HEIGHT = 220;

/**
 * The confidentiality agreement for NDA categories, signed with a finger.
 * Drawing needs press-and-move, so the pointer listeners are attached here
 * rather than as JSX handlers (the K3 lint rule is about activating actions).
 */
export function NdaScreen(): React.JSX.Element {
  const t = useT();
  const signed = useKiosk((s) => s.draft.ndaSignature !== null);
  const patch = useKiosk((s) => s.patch);
  const canvas = useRef<HTMLCanvasElement>(null);
  const { describedBy, invalid } = useDescribedBy('k-signature', false);

  useEffect(() => {
    const c = canvas.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    ctx.lineWidth = 4;
    ctx.lineCap = 'round';
    ctx.strokeStyle = '#111827';
    let drawing = false;
    const at = (e: PointerEvent): [number, number] => {
      const r = c.getBoundingClientRect();
      return [((e.clientX - r.left) * WIDTH) / r.width, ((e.clientY - r.top) * HEIGHT) / r.height];
    };
    const down = (e: PointerEvent): void => {
      drawing = true;
      c.setPointerCapture(e.pointerId);
      ctx.beginPath();
      ctx.moveTo(...at(e));
    };
    const move = (e: PointerEvent): void => {
      if (!drawing) return;
      ctx.lineTo(...at(e));
      ctx.stroke();
    };
    const up = (): void => {
      if (!drawing) return;
      drawing = false;
      patch({ ndaSignature: c.toDataURL('image/png') });
      // Signed now: the "please sign" message no longer applies.
      const { problems, setProblems } = useKiosk.getState();
      setProblems(problems.filter((p) => p.inputId !== 'k-signature'));
    };
    c.addEventListener('pointerdown', down);
    c.addEventListener('pointermove', move);
    c.addEventListener('pointerup', up);
    c.addEventListener('pointercancel', up);
    return () => {
      c.removeEventListener('pointerdown', down);
      c.removeEventListener('pointermove', move);
      c.removeEventListener('pointerup', up);
      c.removeEventListener('pointercancel', up);
    };
  }, [patch]);

  const clear = (): void => {
    canvas.current?.getContext('2d')?.clearRect(0, 0, WIDTH, HEIGHT);
    patch({ ndaSignature: null });
  };

  return (
    <QuestionScreen
      title={t('kiosk.nda.title')}
      wide
      onContinue={() => {
        if (checkStep(['ndaSignature'])) void finishSignIn();
      }}
    >
      <p className="k-nda-text">{t('kiosk.nda.text')}</p>
      <div className={`k-field${invalid ? ' k-field-invalid' : ''}`}>
        <p className="k-label" id="k-signature-label">
          {t('kiosk.nda.signLabel')}
          {signed ? <span className="k-signed"> ✓ {t('kiosk.nda.signed')}</span> : null}
        </p>
        <FieldError inputId="k-signature" />
        <canvas id="k-signature" ref={canvas} className="k-signature" width={WIDTH} height={HEIGHT} tabIndex={-1} role="img" aria-label={t('kiosk.nda.canvas')} aria-describedby={describedBy} />
        <button type="button" className="k-button k-secondary" onClick={clear}>
          {t('kiosk.nda.clear')}
        </button>
      </div>
    </QuestionScreen>
  );
}
