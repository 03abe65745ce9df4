import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { ROW_HEIGHT, VirtualRows } from '../components/VirtualRows';
import { signIn, signOut, signOutAllRemaining, admitHeld, refuseHeld, findOnSiteByBadge } from '../db/visits';
import type { VisitRow } from '../db/schema';
import type { Appointment } from '../../shared/domain/visit';
import { useLocale, useT, type MessageKey } from '../i18n';
import { matcher, useBoardData } from './board-data';
import { DeskSignIn } from './DeskSignIn';
import { EscortToggle } from './EscortToggle';
import { hhmm, hostLabel } from './format';
import { NoteDialog } from './NoteDialog';
import { notifyHost } from './notify';
import { useActor, useConsoleUi } from './ui-store';
import '../styles/board.css';

type Pending =
  | { kind: 'signOut'; visit: VisitRow }
  | { kind: 'admit'; visit: VisitRow }
  | { kind: 'refuse'; visit: VisitRow }
  | { kind: 'dayEnd' };

type ListId = 'expected' | 'onSite' | 'left';
const expectedKey = (e: { appointment: Appointment }): string => e.appointment.id;
const visitKey = (v: VisitRow): string => v.id;

export function Board(): React.JSX.Element {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const actor = useActor();
  const data = useBoardData();
  const [query, setQuery] = useState('');
  const signInOpen = useConsoleUi((s) => s.signInOpen);
  const setSignInOpen = useConsoleUi((s) => s.setSignInOpen);
  const [pending, setPending] = useState<Pending | null>(null);
  const [notice, setNotice] = useState<{ text: string; warn: boolean }>({ text: '', warn: false });
  const searchRef = useRef<HTMLInputElement>(null);
  const searchId = useId();
  const searchRequest = useConsoleUi((s) => s.searchRequest);
  useEffect(() => {
    if (searchRequest === 0) return;
    searchRef.current?.focus();
    useConsoleUi.getState().searchDone();
  }, [searchRequest]);

  // Filtered once per result or keystroke, not on every render (a day can hold thousands of visits).
  const { expected, onSite, left } = useMemo(() => {
    const hit = matcher(query);
    return {
      expected: (data?.expected ?? []).filter((e) => hit(e.appointment)),
      onSite: (data?.onSite ?? []).filter(hit),
      left: (data?.left ?? []).filter(hit),
    };
  }, [data, query]);
  const [selected, setSelected] = useState<{ list: ListId; key: string } | null>(null);
  const keysId = useId();
  const onSiteListId = useId();
  const selectedIn = (list: ListId): string | null => (selected?.list === list ? selected.key : null);
  const rowProps = (list: ListId, key: string, cls = ''): { className?: string; 'aria-selected': boolean; onClick: () => void } => {
    const isSelected = selected?.list === list && selected.key === key;
    const className = [cls, isSelected ? 'selected' : ''].filter(Boolean).join(' ');
    return { className: className || undefined, 'aria-selected': isSelected, onClick: () => setSelected({ list, key }) };
  };
  /** Arrow keys, Page Up/Down, Home and End move the selection through the whole list; Enter acts on the selected row. */
  const keys =
    <T,>(list: ListId, rows: readonly T[], keyOf: (r: T) => string, act: ((r: T) => void) | null) =>
    (e: React.KeyboardEvent<HTMLDivElement>): void => {
      // Keys typed into a control inside a row (the escort box, a button) are that control's.
      if (e.target !== e.currentTarget || rows.length === 0) return;
      const at = selected?.list === list ? rows.findIndex((r) => keyOf(r) === selected.key) : -1;
      const page = Math.max(1, Math.floor(e.currentTarget.clientHeight / ROW_HEIGHT) - 1);
      const go = (i: number): void => setSelected({ list, key: keyOf(rows[Math.max(0, Math.min(rows.length - 1, i))]!) });
      if (e.key === 'ArrowDown') go(at + 1);
      else if (e.key === 'ArrowUp') go(at < 0 ? 0 : at - 1);
      else if (e.key === 'PageDown') go(at + page);
      else if (e.key === 'PageUp') go(at - page);
      else if (e.key === 'Home') go(0);
      else if (e.key === 'End') go(rows.length - 1);
      else if (e.key === 'Enter' && at >= 0 && act) act(rows[at]!);
      else return;
      e.preventDefault();
    };
  const host = (name: string, dept: string): string => hostLabel(locale, name, dept);

  const signInExpected = async (a: Appointment): Promise<void> => {
    const outcome = await signIn({
      visitor: { name: a.name, company: a.company, phone: a.phone, category: a.category, purpose: a.purpose, hostId: a.hostId, idType: a.idType, idNumber: a.idNumber, photo: null, ndaSignature: null },
      appointment: a,
      actor,
    });
    if (outcome.kind === 'signedIn') notifyHost(outcome.visit);
    setNotice({ text: t(outcome.kind === 'signedIn' ? 'console.board.signedIn' : 'console.board.held', { name: a.name }), warn: outcome.kind !== 'signedIn' });
  };

  return (
    <div className="screen board">
      <div className="toolbar">
        <label htmlFor={searchId}>{t('console.board.search')}</label>
        <input
          id={searchId}
          ref={searchRef}
          type="search"
          className="search"
          value={query}
          placeholder={t('console.board.search.placeholder')}
          aria-keyshortcuts="Control+K"
          spellCheck={false}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            // R-V8 at the desk: a badge scanner types the code plus Enter into this box.
            // Down arrow from the search box goes to the first visitor on site, so search then keys reach any row.
            if (e.key === 'ArrowDown' && onSite[0]) {
              e.preventDefault();
              setSelected({ list: 'onSite', key: onSite[0].id });
              document.getElementById(onSiteListId)?.focus();
              return;
            }
            if (e.key !== 'Enter') return;
            // Without this the same Enter reaches the sign-out dialog's form and submits it at once.
            e.preventDefault();
            const scanned = query;
            // Asked of the register, not the list on screen: while sync catches up the list is paced and may lag.
            findOnSiteByBadge(scanned).then(
              (visit) => {
                if (!visit) return;
                setPending({ kind: 'signOut', visit });
                setQuery((q) => (q === scanned ? '' : q));
              },
              (err: unknown) => setNotice({ text: t('console.board.scanFailed', { code: scanned.trim(), reason: err instanceof Error ? err.message : String(err) }), warn: true }),
            );
          }}
        />
        <button type="button" className="btn primary" aria-keyshortcuts="F2" onClick={() => setSignInOpen(true)}>
          {t('console.board.deskSignIn')} <kbd>F2</kbd>
        </button>
        <button type="button" className="btn danger" onClick={() => setPending({ kind: 'dayEnd' })}>
          {t('console.board.dayEnd')}
        </button>
      </div>
      <p className={notice.warn ? 'notice warn' : 'notice'} role="status">
        {notice.text}
      </p>

      <p id={keysId} className="visually-hidden">
        {t('console.board.keys')}
      </p>
      <section aria-labelledby="board-expected">
        <h2 id="board-expected">
          {t('console.board.expected')} <span className="count">{expected.length}</span>
        </h2>
        <VirtualRows
          rows={expected}
          rowKey={expectedKey}
          cols={6}
          labelledBy="board-expected"
          describedBy={keysId}
          wrapClassName="board-list"
          tableClassName="board-table"
          selectedKey={selectedIn('expected')}
          onKeyDown={keys('expected', expected, expectedKey, (e) => void signInExpected(e.appointment))}
          empty={<EmptyRow cols={6} />}
          colgroup={<Cols widths={[72, null, null, null, 96, 96]} />}
          head={<Head labels={['console.col.time', 'console.col.name', 'console.col.company', 'console.col.host', 'console.col.code', 'console.col.actions']} />}
          renderRow={({ appointment: a, host: h }) => (
            <tr key={a.id} {...rowProps('expected', a.id)}>
              <td className="num">{hhmm(a.expectedAt)}</td>
              <td>
                {a.name}
                {a.vip && <span className="tag">VIP</span>}
              </td>
              <td>{a.company || '--'}</td>
              <td>{h ? host(h.name, locale === 'zh-CN' ? h.dept : h.deptEn) : '--'}</td>
              <td className="num">{a.code}</td>
              <td>
                <button type="button" className="btn small" aria-label={t('console.board.signInExpected', { name: a.name })} onClick={() => void signInExpected(a)}>
                  {t('console.board.signInShort')}
                </button>
              </td>
            </tr>
          )}
        />
      </section>

      <section aria-labelledby="board-onsite">
        <h2 id="board-onsite">
          {t('console.board.onSite')} <span className="count">{onSite.length}</span>
        </h2>
        <VirtualRows
          rows={onSite}
          rowKey={visitKey}
          cols={9}
          id={onSiteListId}
          labelledBy="board-onsite"
          describedBy={keysId}
          wrapClassName="board-list"
          tableClassName="board-table"
          selectedKey={selectedIn('onSite')}
          onKeyDown={keys('onSite', onSite, visitKey, (v) => setPending({ kind: v.state === 'held' ? 'admit' : 'signOut', visit: v }))}
          empty={<EmptyRow cols={9} />}
          colgroup={<Cols widths={[72, null, null, 96, null, 112, 88, 120, 150]} />}
          head={<Head labels={['console.col.in', 'console.col.name', 'console.col.company', 'console.col.category', 'console.col.host', 'console.col.badge', 'console.col.state', 'console.col.escort', 'console.col.actions']} />}
          renderRow={(v) => (
            <tr key={v.id} {...rowProps('onSite', v.id, v.state === 'held' ? 'row-held' : '')}>
              <td className="num">{hhmm(v.signedInAt ?? v.createdAt)}</td>
              <td>{v.name}</td>
              <td>{v.company || '--'}</td>
              <td>{t(`category.${v.category}`)}</td>
              <td>{host(v.hostName, v.hostDept)}</td>
              <td className="num">{v.badgeCode}</td>
              <td>{t(`state.${v.state}`)}</td>
              <td>
                <EscortToggle visit={v} />
              </td>
              <td className="row-actions">
                {v.state === 'onSite' && (
                  <button type="button" className="btn small" aria-label={t('console.board.signOutOf', { name: v.name })} onClick={() => setPending({ kind: 'signOut', visit: v })}>
                    {t('console.board.signOut')}
                  </button>
                )}
                {v.state === 'held' && (
                  <>
                    <button type="button" className="btn small" aria-label={t('console.admitOf', { name: v.name })} onClick={() => setPending({ kind: 'admit', visit: v })}>
                      {t('console.admit')}
                    </button>
                    <button type="button" className="btn small danger" aria-label={t('console.refuseOf', { name: v.name })} onClick={() => setPending({ kind: 'refuse', visit: v })}>
                      {t('console.refuse')}
                    </button>
                  </>
                )}
              </td>
            </tr>
          )}
        />
      </section>

      <section aria-labelledby="board-left">
        <h2 id="board-left">
          {t('console.board.left')} <span className="count">{left.length}</span>
        </h2>
        <VirtualRows
          rows={left}
          rowKey={visitKey}
          cols={6}
          labelledBy="board-left"
          describedBy={keysId}
          wrapClassName="board-list"
          tableClassName="board-table"
          selectedKey={selectedIn('left')}
          onKeyDown={keys('left', left, visitKey, null)}
          empty={<EmptyRow cols={6} />}
          colgroup={<Cols widths={[72, 72, null, null, null, 112]} />}
          head={<Head labels={['console.col.in', 'console.col.out', 'console.col.name', 'console.col.company', 'console.col.host', 'console.col.badge']} />}
          renderRow={(v) => (
            <tr key={v.id} {...rowProps('left', v.id)}>
              <td className="num">{hhmm(v.signedInAt)}</td>
              <td className="num">{hhmm(v.signedOutAt)}</td>
              <td>{v.name}</td>
              <td>{v.company || '--'}</td>
              <td>{host(v.hostName, v.hostDept)}</td>
              <td className="num">{v.badgeCode}</td>
            </tr>
          )}
        />
      </section>

      {signInOpen && (
        <DeskSignIn
          onClose={() => setSignInOpen(false)}
          onDone={(o) => setNotice({ text: t(o.kind === 'signedIn' ? 'console.board.signedIn' : 'console.board.held', { name: o.visit.name }), warn: o.kind !== 'signedIn' })}
        />
      )}
      {pending?.kind === 'signOut' && (
        <NoteDialog
          title={t('console.board.signOutTitle', { name: pending.visit.name })}
          noteLabel={t('console.note.reason')}
          required={false}
          confirmLabel={t('console.board.signOut')}
          onConfirm={(note) => signOut(pending.visit.id, actor, 'desk', note)}
          onClose={() => setPending(null)}
        />
      )}
      {pending?.kind === 'admit' && (
        <NoteDialog
          title={t('console.admitTitle', { name: pending.visit.name })}
          noteLabel={t('console.note.note')}
          required
          confirmLabel={t('console.admit')}
          onConfirm={(note) => admitHeld(pending.visit.id, actor, note)}
          onClose={() => setPending(null)}
        />
      )}
      {pending?.kind === 'refuse' && (
        <NoteDialog
          title={t('console.refuseTitle', { name: pending.visit.name })}
          noteLabel={t('console.note.note')}
          required
          confirmLabel={t('console.refuse')}
          onConfirm={(note) => refuseHeld(pending.visit.id, actor, note)}
          onClose={() => setPending(null)}
        />
      )}
      {pending?.kind === 'dayEnd' && (
        <NoteDialog
          title={t('console.board.dayEndTitle')}
          lead={t('console.board.dayEndLead', { n: data?.onSite.filter((v) => v.state === 'onSite').length ?? 0 })}
          noteLabel={t('console.note.reason')}
          required
          confirmLabel={t('console.board.dayEndConfirm')}
          onConfirm={async (note) => {
            const n = await signOutAllRemaining(actor, note);
            setNotice({ text: t('console.board.dayEndDone', { n }), warn: false });
          }}
          onClose={() => setPending(null)}
        />
      )}
    </div>
  );
}

export function EmptyRow({ cols }: { cols: number }): React.JSX.Element {
  const t = useT();
  return (
    <tr>
      <td colSpan={cols} className="empty">
        {t('console.empty')}
      </td>
    </tr>
  );
}

/** Column widths in px (null: shares what is left); fixed so virtual rows keep one height. */
function Cols({ widths }: { widths: readonly (number | null)[] }): React.JSX.Element {
  return (
    <colgroup>
      {widths.map((w, i) => (
        <col key={i} style={w === null ? undefined : { width: w }} />
      ))}
    </colgroup>
  );
}

function Head({ labels }: { labels: readonly MessageKey[] }): React.JSX.Element {
  const t = useT();
  return (
    <tr>
      {labels.map((k) => (
        <th key={k} scope="col">
          {t(k)}
        </th>
      ))}
    </tr>
  );
}
