import { useEffect, useRef } from 'react';
import { useT } from '../i18n';

const WIDTH = 600;
const HEIGHT = 160;

interface Props {
  id: string;
  label: string;
  onChange: (png: string | null) => void;
}

/**
 * A signature drawn with mouse, pen or finger; reports a PNG data URL after
 * each stroke. Drawing needs press-and-move, so the pointer listeners are
 * attached here rather than as JSX handlers.
 */
export function SignaturePad({ id, label, onChange }: Props): React.JSX.Element {
  const t = useT();
  const canvas = useRef<HTMLCanvasElement>(null);
  const changed = useRef(onChange);
  useEffect(() => {
    changed.current = onChange;
  }, [onChange]);

  useEffect(() => {
    const c = canvas.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    ctx.lineWidth = 3;
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
      changed.current(c.toDataURL('image/png'));
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
  }, []);

  const clear = (): void => {
    canvas.current?.getContext('2d')?.clearRect(0, 0, WIDTH, HEIGHT);
    onChange(null);
  };

  return (
    <div className="field signature-field">
      <label htmlFor={id}>{label}</label>
      <p className="hint" id={`${id}-hint`}>
        {t('passes.sign.canvasHint')}
      </p>
      <canvas id={id} ref={canvas} className="signature-pad" width={WIDTH} height={HEIGHT} role="img" aria-label={label} aria-describedby={`${id}-hint`} />
      <button type="button" className="btn small" onClick={clear}>
        {t('passes.issue.clear')}
      </button>
    </div>
  );
}
