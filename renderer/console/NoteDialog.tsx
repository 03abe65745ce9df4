import { useId, useState } from 'react';
import { useT } from '../i18n';
import { Dialog } from './Dialog';

interface Props {
  title: string;
  /** Without a label the dialog only confirms: nothing would be stored for a note. */
  noteLabel?: string;
  /** A note the record needs (day end, refusal) cannot be left empty. */
  required: boolean;
  confirmLabel: string;
  /** Shown above the note, e.g. who is being signed out. */
  lead?: string;
  onConfirm: (note: string) => Promise<unknown>;
  onClose: () => void;
}

/** Confirms an action on a visit with a note that is written into the audit log. */
export function NoteDialog({ title, noteLabel, required, confirmLabel, lead, onConfirm, onClose }: Props): React.JSX.Element {
  const t = useT();
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const id = useId();
  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    if (required && !note.trim()) {
      setError(t('console.note.required'));
      return;
    }
    setBusy(true);
    try {
      await onConfirm(note.trim());
      onClose();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  };
  return (
    <Dialog open title={title} onClose={onClose}>
      <form className="form" noValidate onSubmit={(e) => void submit(e)}>
        {lead && <p>{lead}</p>}
        {noteLabel && (<div className="field">
          <label htmlFor={id}>
            {noteLabel}
            {!required && <span className="optional"> {t('console.optional')}</span>}
          </label>
          {error && (
            <p className="field-error" id={`${id}-err`}>
              {error}
            </p>
          )}
          <input
            id={id}
            autoFocus
            value={note}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-err` : undefined}
            onChange={(e) => setNote(e.target.value)}
          />
        </div>)}
        <div className="actions">
          <button type="submit" className="btn primary" disabled={busy}>
            {confirmLabel}
          </button>
          <button type="button" className="btn" onClick={onClose}>
            {t('console.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
