import { useT } from '../i18n';

export default function ConsoleApp(): React.JSX.Element {
  const t = useT();
  return <h1>{t('console.title')}</h1>;
}
