import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import type { Visit } from '../../shared/domain/visit';
import { localDay } from '../db/terms';
import { useT } from '../i18n';
import { log } from './finish';

/** What the printed badge will show (ux.md §4): Chinese dominant, English subordinate. */
export function BadgePreview({ visit }: { visit: Visit }): React.JSX.Element {
  const t = useT();
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(visit.badgeCode, { margin: 1, width: 200, errorCorrectionLevel: 'M' })
      .then((url) => {
        if (live) setQr(url);
      })
      .catch((err: unknown) => log(`kiosk badge QR failed: ${String(err)}`));
    return () => {
      live = false;
    };
  }, [visit.badgeCode]);
  return (
    <section className="k-badge" aria-labelledby="k-badge-title">
      <h2 id="k-badge-title" className="k-badge-caption">
        {t('kiosk.badge.preview')}
      </h2>
      <div className="k-badge-card">
        <p className="k-badge-kind" lang="zh-CN">
          {t('visitor.badge')}
        </p>
        <p className="k-badge-name" lang="zh-CN">
          {visit.name}
        </p>
        {visit.company ? <p className="k-badge-line">{visit.company}</p> : null}
        <p className="k-badge-line">
          {t('kiosk.badge.host')}: <span lang="zh-CN">{visit.hostName}</span>
        </p>
        <p className="k-badge-line">
          {t('kiosk.badge.date')}: {localDay(visit.signedInAt ?? visit.createdAt)}
        </p>
        {visit.escortRequired ? (
          <p className="k-badge-escort" lang="zh-CN">
            {t('kiosk.badge.escort')}
          </p>
        ) : null}
        <div className="k-badge-code-row">
          {qr ? <img className="k-badge-qr" src={qr} alt={t('kiosk.badge.qr')} width={160} height={160} /> : null}
          <p className="k-badge-code">
            {t('kiosk.badge.code')}
            <br />
            <strong>{visit.badgeCode}</strong>
          </p>
        </div>
      </div>
    </section>
  );
}
