import { useEffect, useLayoutEffect, useRef } from 'react';
// The named export: the package is UMD, and the bundler's default interop yields the module object.
import { SimpleKeyboard as Keyboard } from 'simple-keyboard';
import 'simple-keyboard/build/css/index.css';
import chinese from 'simple-keyboard-layouts/build/layouts/chinese';
import { useT } from '../../i18n';
import { accessibleCandidateBar, relabelCandidateBar, type CandidateBarLabels } from './candidate-bar';
import { LAYOUTS, type KeyboardKind } from './layouts';

export interface DockProps {
  kind: KeyboardKind;
  value: string;
  onChange: (value: string) => void;
  /** The input this keyboard types into: keeps focus and caret there. */
  inputId: string;
}

/** The package's type leaves out the table that its Chinese layout does export. */
const PINYIN = (chinese as typeof chinese & { layoutCandidates: Record<string, string> }).layoutCandidates;

/** Candidates per page (K19 asks for ≥ 6); eight fill the bar at 1920 px. */
const PAGE_SIZE = 8;

/**
 * The in-app keyboard (ux.md K18/K19), loaded lazily: simple-keyboard and its
 * pinyin table stay out of the kiosk's initial bundle. It drives the same
 * controlled value as typing does, so hardware keyboards and wedge scanners
 * keep working alongside it.
 */
export default function KeyboardDock({ kind, value, onChange, inputId }: DockProps): React.JSX.Element {
  const t = useT();
  const host = useRef<HTMLDivElement>(null);
  const keyboard = useRef<Keyboard | null>(null);
  const change = useRef(onChange);
  useLayoutEffect(() => {
    change.current = onChange;
  }, [onChange]);
  const field = useRef(inputId);
  const barLabels = useRef<CandidateBarLabels>({ list: '', prev: '', next: '' });
  useLayoutEffect(() => {
    field.current = inputId;
    barLabels.current = { list: t('kiosk.kb.candidates'), prev: t('kiosk.kb.prev'), next: t('kiosk.kb.next') };
    if (host.current) relabelCandidateBar(host.current, barLabels.current);
  }, [inputId, t]);
  /** Set when the keyboard itself changed the value, so the caret is put back where it typed. */
  const typed = useRef(false);

  useEffect(() => {
    if (!host.current) return;
    const spec = LAYOUTS[kind];
    const kb = new Keyboard(host.current, {
      layout: spec.layout,
      layoutName: 'default',
      theme: 'hg-theme-default k-kb-keys',
      useButtonTag: true,
      // K3: keys act on click, i.e. on release over the same key; simple-keyboard's
      // default pointer handling fires on press.
      useMouseEvents: true,
      disableButtonHold: true,
      // Tapping a key must not take focus (and the caret) away from the input.
      preventMouseDownDefault: true,
      enableLayoutCandidates: spec.candidates,
      layoutCandidates: spec.candidates ? PINYIN : undefined,
      layoutCandidatesPageSize: PAGE_SIZE,
      onChange: (input: string) => {
        typed.current = true;
        change.current(input);
      },
      onKeyPress: (button: string) => {
        if (button === '{shift}') {
          kb.setOptions({ layoutName: kb.options.layoutName === 'shift' ? 'default' : 'shift' });
        } else if (button === '{clear}') {
          kb.clearInput();
          typed.current = true;
          change.current('');
        }
      },
    });
    kb.setInput(value);
    keyboard.current = kb;
    // The candidate bar is the library's own markup: real buttons in it, named, reachable by Tab.
    const detachBar = accessibleCandidateBar(host.current, { labels: () => barLabels.current, inputId: () => field.current });
    return () => {
      detachBar();
      // K16: the pinyin buffer and candidate box go with the screen.
      kb.destroy();
      keyboard.current = null;
    };
    // The keyboard is rebuilt only when the layout kind changes; the value is synced below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [kind]);

  useEffect(() => {
    keyboard.current?.setOptions({
      display: {
        '{bksp}': t('kiosk.kb.backspace'),
        '{space}': t('kiosk.kb.space'),
        '{shift}': t('kiosk.kb.shift'),
        '{clear}': t('kiosk.kb.clear'),
      },
      buttonAttributes: [{ attribute: 'type', value: 'button', buttons: Object.values(LAYOUTS[kind].layout).join(' ') }],
    });
  }, [t, kind]);

  // Typing on a hardware keyboard or a scanner changes the value: the keyboard follows.
  useLayoutEffect(() => {
    const kb = keyboard.current;
    if (!kb) return;
    if (kb.getInput() !== value) kb.setInput(value);
    const input = document.getElementById(inputId);
    if (typed.current && input instanceof HTMLInputElement) {
      typed.current = false;
      const caret = kb.getCaretPosition() ?? value.length;
      input.setSelectionRange(caret, caret);
    }
  }, [value, inputId]);

  // simple-keyboard owns the class list of the element it renders into, hence the wrapper.
  return (
    <div className="k-kb-dock">
      <div className="simple-keyboard" ref={host} />
    </div>
  );
}
