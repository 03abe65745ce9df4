import './candidate-bar.css';

/** What the bar's controls are called, in the current language. */
export interface CandidateBarLabels {
  list: string;
  prev: string;
  next: string;
}

interface Options {
  labels: () => CandidateBarLabels;
  /** The field the keyboard types into: where focus goes after a pick when it came from nowhere else. */
  inputId: () => string;
}

const BOX = '.hg-candidate-box';
const ITEM = '.hg-candidate-box-list-item';
const PAGES = ['prev', 'next'] as const;

/**
 * simple-keyboard draws its pinyin candidate bar (ux.md K19) as list items and
 * divs with click handlers only: nothing the Tab key, a switch or a screen
 * reader can reach (WCAG 2.1.1). Each candidate and page arrow gets a real
 * button inside it. A click on that button bubbles to the library's own
 * handler, so touch works as before (the keyboard's mousedown is prevented, so
 * a tap never moves focus) and Enter or Space act on it as on any button.
 *
 * The library rebuilds the whole bar on every page turn and removes it after a
 * pick. Focus that was in the bar is put back: on the same page arrow (the
 * first candidate once that arrow has nowhere to go), and after a pick where
 * the visitor was before the bar — the key they typed with, or the field.
 *
 * Returns the function that detaches it.
 */
export function accessibleCandidateBar(
  host: HTMLElement,
  { labels, inputId }: Options,
): () => void {
  /** The last focused element outside the bar (a key, the field, or something else on the screen). */
  let cameFrom: HTMLElement | null = null;
  /** What a click in the bar did, decided before the library's handler replaces the bar. */
  let pending: 'prev' | 'next' | 'pick' | null = null;

  const onFocusIn = (e: FocusEvent): void => {
    if (e.target instanceof HTMLElement && !e.target.closest(BOX)) cameFrom = e.target;
  };
  const beforeLibrary = (e: MouseEvent): void => {
    const target = e.target instanceof Element ? e.target : null;
    const box = target?.closest(BOX);
    // A tap leaves focus in the field; only focus that was in the bar is carried over.
    pending = null;
    if (!target || !box || !box.contains(document.activeElement)) return;
    if (target.closest('.hg-candidate-box-prev')) pending = 'prev';
    else if (target.closest('.hg-candidate-box-next')) pending = 'next';
    else if (target.closest(ITEM)) pending = 'pick';
  };
  const afterLibrary = (): void => {
    const done = pending;
    pending = null;
    if (!done) return;
    const box = host.querySelector(BOX);
    if (box) enhance(box, labels());
    if (done === 'pick' || !box) {
      const field = document.getElementById(inputId());
      const back =
        cameFrom?.isConnected && (cameFrom === field || host.contains(cameFrom)) ? cameFrom : field;
      back?.focus();
      return;
    }
    const same = box.querySelector<HTMLButtonElement>(`.hg-candidate-box-${done} button:enabled`);
    (same ?? box.querySelector<HTMLButtonElement>(`${ITEM} button`))?.focus();
  };
  // Bars the library shows after a key press (no click in the bar itself).
  const observer = new MutationObserver(() => {
    const box = host.querySelector(BOX);
    if (box) enhance(box, labels());
  });

  document.addEventListener('focusin', onFocusIn);
  host.addEventListener('click', beforeLibrary, true);
  // Bubbling reaches the host after the library's handlers on the items, even from a bar they removed.
  host.addEventListener('click', afterLibrary);
  observer.observe(host, { childList: true, subtree: true });
  return () => {
    observer.disconnect();
    document.removeEventListener('focusin', onFocusIn);
    host.removeEventListener('click', beforeLibrary, true);
    host.removeEventListener('click', afterLibrary);
  };
}

/** Names the bar's controls again, e.g. after the language changed while it is shown. */
export function relabelCandidateBar(host: HTMLElement, labels: CandidateBarLabels): void {
  const box = host.querySelector(BOX);
  if (box) enhance(box, labels);
}

/** Idempotent: the observer and the click handler may both see the same bar. */
function enhance(box: Element, labels: CandidateBarLabels): void {
  box.querySelector('.hg-candidate-box-list')?.setAttribute('aria-label', labels.list);
  for (const item of box.querySelectorAll(ITEM)) {
    if (item.querySelector('button')) continue;
    // The candidate's text is its accessible name; the item stays a list item of the named list.
    item.replaceChildren(button(item.textContent ?? ''));
  }
  for (const page of PAGES) {
    const el = box.querySelector(`.hg-candidate-box-${page}`);
    if (!el) continue;
    let control = el.querySelector('button');
    if (!control) {
      control = button('');
      control.classList.add('k-cand-page');
      el.replaceChildren(control);
    }
    const label = page === 'prev' ? labels.prev : labels.next;
    // Only when it changed: the observer sees this very change and calls again.
    if (control.textContent?.replace(/[◀▶]/g, '').trim() !== label) {
      // The arrow is decoration; the name is the words.
      const arrow = document.createElement('span');
      arrow.setAttribute('aria-hidden', 'true');
      arrow.textContent = page === 'prev' ? '◀ ' : ' ▶';
      control.replaceChildren(...(page === 'prev' ? [arrow, label] : [label, arrow]));
    }
    // A page arrow with nowhere to go is hidden by the kiosk's style; disabled, it is no Tab stop either.
    control.disabled = !el.classList.contains('hg-candidate-box-btn-active');
  }
}

function button(text: string): HTMLButtonElement {
  const el = document.createElement('button');
  el.type = 'button';
  el.className = 'k-cand';
  el.textContent = text;
  return el;
}
