import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useMemo, useState } from 'react';
import { maskPhone } from '../../shared/mask';
import { db } from '../db/schema';
import { useLocale, useT, type MessageKey } from '../i18n';
import { useCallerIndex } from './calls/lookup';
import { useSwitchboard } from './calls/switchboard-ui';
import { Dialog } from './Dialog';
import { dayTime, hostLabel } from './format';
import {
  PALETTE_GROUPS,
  paletteResults,
  type PaletteAction,
  type PaletteItem,
} from './palette-search';
import { TABS, useConsoleUi } from './ui-store';

/** How many recent calls the palette searches: the live log's window. */
const CALLS_SEARCHED = 5000;

const COMMANDS: { id: string; key: MessageKey; keys?: string; run: () => void }[] = [
  ...TABS.map((tab, i) => ({
    id: `tab.${tab}`,
    key: `console.tab.${tab}` as MessageKey,
    ...(i < 9 ? { keys: `Alt+${i + 1}` } : {}),
    run: () => useConsoleUi.getState().setTab(tab),
  })),
  {
    id: 'signIn',
    key: 'console.shortcut.signIn',
    keys: 'F2',
    run: () => (
      useConsoleUi.getState().setTab('board'),
      useConsoleUi.getState().setSignInOpen(true)
    ),
  },
  {
    id: 'newAppointment',
    key: 'console.shortcut.newAppointment',
    keys: 'Ctrl+N',
    run: () => (
      useConsoleUi.getState().setTab('appointments'),
      useConsoleUi.getState().setAppointmentFormOpen(true)
    ),
  },
  {
    id: 'takeMessage',
    key: 'console.shortcut.takeMessage',
    keys: 'F6',
    run: () => useSwitchboard.getState().takeMessage(),
  },
  {
    id: 'callbacks',
    key: 'console.shortcut.callbacks',
    keys: 'F7',
    run: () => (useConsoleUi.getState().setTab('calls'), useSwitchboard.getState().askCallbacks()),
  },
  {
    id: 'pbxSettings',
    key: 'calls.settings.open',
    run: () => useSwitchboard.getState().setPbxSettingsOpen(true),
  },
  {
    id: 'help',
    key: 'console.shortcut.help',
    keys: 'F1',
    run: () => useConsoleUi.getState().setHelpOpen(true),
  },
];

/** What Enter does with an item: run the action, or open the person, tenant or call where it lives. */
function open(item: PaletteItem): void {
  const ui = useConsoleUi.getState();
  const sb = useSwitchboard.getState();
  switch (item.kind) {
    case 'action':
      COMMANDS.find((c) => c.id === item.action.id)?.run();
      return;
    case 'staff':
      ui.setTab('directory');
      sb.askDirectory(item.staff.name);
      return;
    case 'tenant':
      ui.setTab('directory');
      sb.askDirectory(item.tenant.unit);
      return;
    case 'call':
      ui.setTab('calls');
      sb.select(item.call.id);
  }
}

/**
 * Ctrl+K (ux.md C3): one search over actions, the directory (staff by name,
 * pinyin, initials, extension; tenants by unit or name) and calls (number,
 * caller), by keyboard alone: ↑↓ move, Enter opens, Esc closes. It opens only
 * when asked; calls arriving while it is open update the results, never focus.
 */
export function CommandPalette(): React.JSX.Element | null {
  const open_ = useConsoleUi((s) => s.paletteOpen);
  const setOpen = useConsoleUi((s) => s.setPaletteOpen);
  const t = useT();
  if (!open_) return null;
  return (
    <Dialog open title={t('console.palette.title')} onClose={() => setOpen(false)}>
      <PaletteBody onDone={() => setOpen(false)} />
    </Dialog>
  );
}

function PaletteBody({ onDone }: { onDone: () => void }): React.JSX.Element {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const id = useId();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const staff = useLiveQuery(() => db.staff.toArray(), []);
  const tenants = useLiveQuery(() => db.tenants.toArray(), []);
  const calls = useLiveQuery(
    () => db.calls.orderBy('seq').reverse().limit(CALLS_SEARCHED).toArray(),
    [],
  );
  const index = useCallerIndex();
  const actions: PaletteAction[] = useMemo(
    () => COMMANDS.map((c) => ({ id: c.id, label: t(c.key), ...(c.keys ? { keys: c.keys } : {}) })),
    [t],
  );
  const items = useMemo(
    () =>
      paletteResults(query, {
        actions,
        staff: staff ?? [],
        tenants: tenants ?? [],
        calls: calls ?? [],
        index,
      }),
    [query, actions, staff, tenants, calls, index],
  );
  const current = Math.min(active, Math.max(0, items.length - 1));
  const choose = (item: PaletteItem | undefined): void => {
    if (!item) return;
    onDone();
    // After the palette has closed and handed focus back, so a dialog the action opens keeps its own focus.
    setTimeout(() => open(item), 0);
  };
  const optionId = (i: number): string => `${id}-opt-${i}`;
  const label = (item: PaletteItem): { main: string; sub: string } => {
    switch (item.kind) {
      case 'action':
        return { main: item.action.label, sub: item.action.keys ?? '' };
      case 'staff':
        return {
          main: hostLabel(
            locale,
            item.staff.name,
            locale === 'zh-CN' ? item.staff.dept : item.staff.deptEn,
          ),
          sub: t('console.palette.ext', { ext: item.staff.ext }),
        };
      case 'tenant':
        return {
          main: locale === 'zh-CN' ? item.tenant.name : item.tenant.nameEn,
          sub: item.tenant.unit,
        };
      case 'call': {
        const c = item.call;
        const number = c.number ?? '--';
        return {
          main: `${item.caller ? `${item.caller} · ` : ''}${/^1\d{10}$/.test(number) ? maskPhone(number) : number}`,
          sub: `${t(`calls.direction.${c.direction}`)} · ${dayTime(c.start ?? c.receivedAt)}`,
        };
      }
    }
  };
  return (
    <div className="palette">
      <input
        type="search"
        className="search palette-input"
        role="combobox"
        aria-label={t('console.palette.search')}
        aria-expanded={items.length > 0}
        aria-controls={`${id}-list`}
        aria-activedescendant={items.length > 0 ? optionId(current) : undefined}
        placeholder={t('console.palette.placeholder')}
        value={query}
        // showModal() focuses the element carrying the attribute; React's autoFocus would run before the dialog opens.
        ref={(el) => el?.setAttribute('autofocus', '')}
        spellCheck={false}
        autoComplete="off"
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setActive((current + 1) % Math.max(1, items.length));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((current - 1 + items.length) % Math.max(1, items.length));
          } else if (e.key === 'Enter') {
            e.preventDefault();
            choose(items[current]);
          } else if (e.key === 'Escape') {
            // Chromium may skip a dialog's cancel for an Escape with no user activation since
            // it opened (text committed by an IME is none): close on the key itself.
            e.preventDefault();
            onDone();
          }
        }}
      />
      <div
        id={`${id}-list`}
        role="listbox"
        aria-label={t('console.palette.results')}
        className="palette-list"
      >
        {items.length === 0 && <p className="sub">{t('console.palette.none')}</p>}
        {PALETTE_GROUPS.map((g) => {
          const inGroup = items.map((item, i) => ({ item, i })).filter((x) => x.item.kind === g);
          if (inGroup.length === 0) return null;
          return (
            <div key={g} role="group" aria-label={t(`console.palette.group.${g}`)}>
              <p className="palette-group" aria-hidden="true">
                {t(`console.palette.group.${g}`)}
              </p>
              {inGroup.map(({ item, i }) => {
                const l = label(item);
                return (
                  <div
                    key={item.id}
                    id={optionId(i)}
                    role="option"
                    aria-selected={i === current}
                    className={i === current ? 'palette-option active' : 'palette-option'}
                    onMouseDown={(e) => {
                      e.preventDefault();
                      choose(item);
                    }}
                  >
                    <span>{l.main}</span> <span className="sub">{l.sub}</span>
                  </div>
                );
              })}
            </div>
          );
        })}
      </div>
      <p className="hint">{t('console.palette.keys')}</p>
    </div>
  );
}
