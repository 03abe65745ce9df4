import { useLayoutEffect, useRef, useState } from 'react';

/** Row height of the call log: antd `small` (8 + 22 + 8 + 1 border), ux.md C5. */
export const ROW_HEIGHT = 39;
const OVERSCAN = 8;

interface Props<T> {
  rows: readonly T[];
  rowKey: (row: T) => string;
  /** The table's header row(s), rendered in a sticky <thead>. */
  head: React.ReactNode;
  cols: number;
  renderRow: (row: T, index: number) => React.ReactNode;
  label: string;
  empty: React.ReactNode;
  onKeyDown?: (e: React.KeyboardEvent<HTMLDivElement>) => void;
  /** The selected key: kept on screen when rows arrive above it. */
  selectedKey: string | null;
  /** The table's columns, for `table-layout: fixed`. */
  colgroup: React.ReactNode;
}

/**
 * A table that renders only the rows in view (plus a few) between two
 * spacer rows, so thousands of calls scroll smoothly (ux.md C6) without a
 * library. Rows that arrive above the view shift the scroll position by the
 * same amount, so the row under the operator's eye — and the selected one —
 * stays where it was.
 */
export function VirtualRows<T>({ rows, rowKey, head, cols, renderRow, label, empty, onKeyDown, selectedKey, colgroup }: Props<T>): React.JSX.Element {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const firstKey = useRef<string | null>(null);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const prev = firstKey.current;
    firstKey.current = rows[0] ? rowKey(rows[0]) : null;
    if (prev === null || el.scrollTop === 0) return;
    const moved = rows.findIndex((r) => rowKey(r) === prev);
    if (moved > 0) {
      el.scrollTop += moved * ROW_HEIGHT;
      setScrollTop(el.scrollTop);
    }
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
    const top = i * ROW_HEIGHT;
    const headH = ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight - headH) el.scrollTop = top + ROW_HEIGHT - el.clientHeight + headH;
  }, [selectedKey, rows, rowKey]);

  const start = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const end = Math.min(rows.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  return (
    <div className="virtual-wrap" ref={ref} tabIndex={0} role="region" aria-label={label} onKeyDown={onKeyDown} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
      <table className="console-table calls-table" aria-label={label} aria-rowcount={rows.length + 1}>
        {colgroup}
        <thead>{head}</thead>
        <tbody>
          {start > 0 && (
            <tr aria-hidden="true" className="spacer">
              <td colSpan={cols} style={{ height: start * ROW_HEIGHT }} />
            </tr>
          )}
          {rows.slice(start, end).map((r, i) => renderRow(r, start + i))}
          {end < rows.length && (
            <tr aria-hidden="true" className="spacer">
              <td colSpan={cols} style={{ height: (rows.length - end) * ROW_HEIGHT }} />
            </tr>
          )}
          {rows.length === 0 && empty}
        </tbody>
      </table>
    </div>
  );
}
