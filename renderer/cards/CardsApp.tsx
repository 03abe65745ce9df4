import { useT } from '../i18n';

/** The cards face arrives with the IDC identity card issue; until then it says so. */
export default function CardsApp(): React.JSX.Element {
  const t = useT();
  return (
    <main className="boot">
      <h1>{t('role.cards')}</h1>
      <p>{t('cards.comingSoon')}</p>
    </main>
  );
}
