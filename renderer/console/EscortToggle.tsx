import { useState } from 'react';
import type { VisitRow } from '../db/schema';
import { setEscort } from '../db/visits';
import { useT } from '../i18n';
import { useActor } from './ui-store';

/**
 * The escort flag of a visit (R-V6). The box follows the operator's click at
 * once, before the write comes back through the live query, so it never
 * flickers back; a change from another desk still wins when it arrives.
 */
export function EscortToggle({ visit }: { visit: VisitRow }): React.JSX.Element {
  const t = useT();
  const actor = useActor();
  const [pending, setPending] = useState<boolean | null>(null);
  const [seen, setSeen] = useState(visit.escortRequired);
  if (seen !== visit.escortRequired) {
    setSeen(visit.escortRequired);
    setPending(null);
  }
  const checked = pending ?? visit.escortRequired;
  return (
    <label className="inline-check">
      <input
        type="checkbox"
        checked={checked}
        onChange={(e) => {
          setPending(e.target.checked);
          void setEscort(visit.id, e.target.checked, actor);
        }}
      />
      <span className="visually-hidden">{t('console.board.escortFor', { name: visit.name })}</span>
      <span aria-hidden="true">{t(checked ? 'escort.required' : 'escort.notRequired')}</span>
    </label>
  );
}
