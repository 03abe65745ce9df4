import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n';
import { useKiosk } from './store';

type CameraState = 'off' | 'live' | 'none';

/**
 * Optional photo (K17). The camera opens only on a tap, and its stream is
 * stopped when the photo is taken and whenever this screen unmounts
 * (back, cancel, idle reset), so no camera stays on behind the next visitor.
 */
export function PhotoCapture(): React.JSX.Element {
  const t = useT();
  const photo = useKiosk((s) => s.draft.photo);
  const patch = useKiosk((s) => s.patch);
  const [camera, setCamera] = useState<CameraState>('off');
  const video = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | null>(null);

  const stop = (): void => {
    stream.current?.getTracks().forEach((track) => track.stop());
    stream.current = null;
  };
  useEffect(() => stop, []);

  const start = async (): Promise<void> => {
    try {
      if (!navigator.mediaDevices?.getUserMedia) throw new Error('no camera API');
      const s = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio: false });
      stream.current = s;
      setCamera('live');
      if (video.current) {
        video.current.srcObject = s;
        await video.current.play();
      }
    } catch {
      stop();
      setCamera('none');
    }
  };

  const take = (): void => {
    const v = video.current;
    if (!v) return;
    const canvas = document.createElement('canvas');
    canvas.width = 320;
    canvas.height = 240;
    canvas.getContext('2d')?.drawImage(v, 0, 0, canvas.width, canvas.height);
    patch({ photo: canvas.toDataURL('image/jpeg', 0.8) });
    stop();
    setCamera('off');
  };

  return (
    <div className="k-photo">
      <p className="k-label">{t('kiosk.id.photo')}</p>
      <p className="k-hint">{t('kiosk.id.photoHint')}</p>
      <div className="k-photo-frame">
        {camera === 'live' ? <video ref={video} className="k-photo-img" muted playsInline aria-label={t('kiosk.id.preview')} /> : null}
        {camera !== 'live' && photo ? <img className="k-photo-img" src={photo} alt={t('kiosk.id.photoAlt')} /> : null}
      </div>
      {camera === 'none' ? (
        <p className="k-notice" role="status">
          {t('kiosk.id.photoNone')}
        </p>
      ) : null}
      {camera === 'live' ? (
        <button type="button" className="k-button k-secondary" onClick={take}>
          {t('kiosk.id.photoTake')}
        </button>
      ) : camera === 'off' ? (
        <button type="button" className="k-button k-secondary" onClick={() => void start()}>
          {photo ? t('kiosk.id.photoRetake') : t('kiosk.id.photoStart')}
        </button>
      ) : null}
    </div>
  );
}
