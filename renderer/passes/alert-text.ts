import type { Translate } from '../i18n';

/** Words for a passMismatch alert's detail ("day|missing|unknown|explanation", db/handover.ts). */
export function mismatchAlertText(t: Translate, detail: string): string {
  const [day = '', missing = '', unknown = '', explanation = ''] = detail.split('|');
  const parts = [
    day,
    missing ? t('passes.handover.missingAtGuard', { numbers: missing.replaceAll(',', ', ') }) : '',
    unknown ? t('passes.handover.unknownToDesk', { numbers: unknown.replaceAll(',', ', ') }) : '',
    explanation,
  ].filter(Boolean);
  return t('passes.alert.mismatch', { detail: parts.join('；') });
}
