import { cloneElement, isValidElement, useLayoutEffect, useRef, useState } from 'react';

/** Row height of the console's long tables: antd `small` (8 + 22 + 8 + 1 border), ux.md C5. */
export const ROW_HEIGHT = 39;
const OVERSCAN = 8;

interface Props<T> {
  rows: readonly T[];
  rowKey: (row: T) => string;
  /** The table's header row(s), rendered in a sticky <thead>. */
  head: React.ReactNode;
  cols: number;
  renderRow: (row: T, index: number) => React.ReactNode;
  /** The table's name; or `labelledBy`, the id of a visible heading that names it. */
  label?: string;
  labelledBy?: string;
  /** The id of a text that says how to use the list from the keyboard. */
  describedBy?: string;
  empty: React.ReactNode;
  onKeyDown?: (e: React.KeyboardEvent<HTMLDivElement>) => void;
  /** The selected key: kept on screen when rows arrive above it. */
  selectedKey: string | null;
  /** The table's columns, for `table-layout: fixed`. */
  colgroup: React.ReactNode;
  /** The scrolling box's id, so a search box can move focus into the list. */
  id?: string;
  /** Extra classes: the scrolling box (`virtual-wrap …`) and the table (`console-table …`). */
  wrapClassName?: string;
  tableClassName?: string;
}

/**
 * A table that renders only the rows in view (plus a few) between two
 * spacer rows, so thousands of rows scroll smoothly (ux.md C6) without a
 * library. Rows that arrive above the view shift the scroll position by the
 * same amount, so the row under the operator's eye — and the selected one —
 * stays where it was. The box is focusable, so the keyboard reaches every
 * row through `onKeyDown` (the caller moves `selectedKey`, which is scrolled
 * into view); each rendered row carries its `aria-rowindex` in the whole list.
 */
export function VirtualRows<T>({
  rows,
  rowKey,
  head,
  cols,
  renderRow,
  label,
  labelledBy,
  describedBy,
  empty,
  onKeyDown,
  selectedKey,
  colgroup,
  wrapClassName,
  tableClassName = 'calls-table',
  id,
}: Props<T>): React.JSX.Element {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  // The CSS sets the row height (ROW_HEIGHT); the rendered height is measured, so borders or a
  // control a pixel taller never make the spacers and the scrolling drift from the real rows.
  const [rowH, setRowH] = useState(ROW_HEIGHT);
  const [headH, setHeadH] = useState(ROW_HEIGHT);
  const firstKey = useRef<string | null>(null);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const tr = el.querySelector<HTMLTableRowElement>('tbody tr:not(.spacer)[aria-rowindex]');
    const th = el.querySelector<HTMLTableSectionElement>('thead');
    const measured = tr?.getBoundingClientRect().height ?? 0;
    if (measured > 0 && Math.abs(measured - rowH) > 0.25) setRowH(measured);
    const head = th?.getBoundingClientRect().height ?? 0;
    if (head > 0 && Math.abs(head - headH) > 0.25) setHeadH(head);
  }, [rows, rowH, headH]);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const prev = firstKey.current;
    firstKey.current = rows[0] ? rowKey(rows[0]) : null;
    if (prev === null || el.scrollTop === 0) return;
    const moved = rows.findIndex((r) => rowKey(r) === prev);
    if (moved > 0) {
      el.scrollTop += moved * rowH;
      setScrollTop(el.scrollTop);
    }
    // Only a change of rows moves the view; a new measurement alone does not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rows, rowKey]);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setHeight(el.clientHeight);
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // A new selection is brought into view once; arriving rows are handled above.
  const shownKey = useRef<string | null>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || selectedKey === null || selectedKey === shownKey.current) return;
    shownKey.current = selectedKey;
    const i = rows.findIndex((r) => rowKey(r) === selectedKey);
    if (i < 0) return;
    const top = i * rowH;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + rowH > el.scrollTop + el.clientHeight - headH) el.scrollTop = top + rowH - el.clientHeight + headH;
  }, [selectedKey, rows, rowKey, rowH, headH]);

  const start = Math.max(0, Math.floor(scrollTop / rowH) - OVERSCAN);
  const end = Math.min(rows.length, Math.ceil((scrollTop + height) / rowH) + OVERSCAN);
  const name = labelledBy ? { 'aria-labelledby': labelledBy } : { 'aria-label': label };
  return (
    <div
      id={id}
      className={wrapClassName ? `virtual-wrap ${wrapClassName}` : 'virtual-wrap'}
      ref={ref}
      tabIndex={0}
      role="region"
      {...name}
      aria-describedby={describedBy}
      onKeyDown={onKeyDown}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <table className={`console-table ${tableClassName}`} {...name} aria-rowcount={rows.length + 1}>
        {colgroup}
        <thead>{head}</thead>
        <tbody>
          {start > 0 && (
            <tr aria-hidden="true" className="spacer">
              <td colSpan={cols} style={{ height: start * rowH }} />
            </tr>
          )}
          {rows.slice(start, end).map((r, i) => {
            const row = renderRow(r, start + i);
            // Row 1 is the header: the n-th data row is row n + 1 of the whole table.
            return isValidElement<{ 'aria-rowindex'?: number }>(row) ? cloneElement(row, { 'aria-rowindex': start + i + 2 }) : row;
          })}
          {end < rows.length && (
            <tr aria-hidden="true" className="spacer">
              <td colSpan={cols} style={{ height: (rows.length - end) * rowH }} />
            </tr>
          )}
          {rows.length === 0 && empty}
        </tbody>
      </table>
    </div>
  );
}
