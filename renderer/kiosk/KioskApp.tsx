import { useT } from '../i18n';

export default function KioskApp(): React.JSX.Element {
  const t = useT();
  return <h1>{t('kiosk.welcome.title')}</h1>;
}
