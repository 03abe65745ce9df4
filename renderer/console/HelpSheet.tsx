import { useT } from '../i18n';
import { Dialog } from './Dialog';
import { SHORTCUTS } from './shortcuts';
import { useConsoleUi } from './ui-store';

export function HelpSheet(): React.JSX.Element {
  const t = useT();
  const open = useConsoleUi((s) => s.helpOpen);
  const setOpen = useConsoleUi((s) => s.setHelpOpen);
  return (
    <Dialog open={open} title={t('console.help.title')} onClose={() => setOpen(false)}>
      <table className="console-table help-table">
        <thead>
          <tr>
            <th scope="col">{t('console.help.keys')}</th>
            <th scope="col">{t('console.help.action')}</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.action}>
              <td>
                <kbd>{s.keys}</kbd>
              </td>
              <td>{t(`console.shortcut.${s.action}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
