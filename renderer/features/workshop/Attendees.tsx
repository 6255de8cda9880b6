// Who is in the room: the contrat's partners ticked, other names typed one per line. The same fields start a workshop
// and correct its list while it runs (« Corriger les présents »).
import type { Attendee, WorkshopState } from '../../../core/api/contract';

export interface AttendeeDraft { ticked: ReadonlySet<string>; others: string }

export const emptyDraft: AttendeeDraft = { ticked: new Set(), others: '' };

/** The draft of a list already kept (to correct it). */
export function draftOf(attendees: Attendee[]): AttendeeDraft {
  return {
    ticked: new Set(attendees.flatMap((a) => (a.partnerId ? [a.partnerId] : []))),
    others: attendees.filter((a) => !a.partnerId).map((a) => a.name).join('\n'),
  };
}

/** The people of a draft, as the handlers take them, with their names for a sentence; or the French error. */
export function peopleOf(
  partners: WorkshopState['partners'],
  d: AttendeeDraft,
): { people: ({ partnerId: string } | { name: string })[]; names: string[]; error?: string } {
  const typed = d.others.split('\n').map((s) => s.trim()).filter(Boolean);
  const long = typed.find((n) => n.length > 200);
  const chosen = partners.filter((p) => d.ticked.has(p.id));
  return {
    people: [...chosen.map((p) => ({ partnerId: p.id })), ...typed.map((name) => ({ name }))],
    names: [...chosen.map((p) => p.name), ...typed],
    ...(long ? { error: `Un nom dépasse 200 caractères : « ${long.slice(0, 40)}… ».` } : {}),
  };
}

interface Props {
  /** Prefix of the fields' ids (one form on the screen, one in a dialog). */
  id: string;
  partners: WorkshopState['partners'];
  draft: AttendeeDraft;
  onChange: (d: AttendeeDraft) => void;
  error?: string;
}

export function AttendeeFields({ id, partners, draft, onChange, error }: Props) {
  const toggle = (pid: string) => {
    const n = new Set(draft.ticked);
    if (n.has(pid)) n.delete(pid);
    else n.add(pid);
    onChange({ ...draft, ticked: n });
  };
  return (
    <>
      <fieldset className="field workshop-partners">
        <legend>Partenaires présents</legend>
        {partners.length === 0 ? (
          <p className="muted">Ce contrat n’a pas encore de partenaires : tapez les noms ci-dessous.</p>
        ) : (
          <ul>
            {partners.map((p) => (
              <li key={p.id}>
                <label className="check">
                  <input type="checkbox" checked={draft.ticked.has(p.id)} onChange={() => toggle(p.id)} /> {p.name}
                </label>
              </li>
            ))}
          </ul>
        )}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-autres`}>Autres personnes présentes</label>
        <p className="hint" id={`${id}-autres-hint`}>
          Une personne par ligne, par exemple « Mme Durand, conseil citoyen ».
        </p>
        <textarea
          id={`${id}-autres`}
          rows={3}
          value={draft.others}
          onChange={(e) => onChange({ ...draft, others: e.target.value })}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-autres-hint` + (error ? ` ${id}-autres-error` : '')}
        />
        {error && (
          <p id={`${id}-autres-error`} className="field-error">
            {error}
          </p>
        )}
      </div>
    </>
  );
}
