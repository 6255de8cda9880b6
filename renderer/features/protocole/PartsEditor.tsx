// The parts of the protocole: a box to include each one. Since issue 16 the document follows its legal structure
// (parties, visas, considérants, preamble, numbered articles, signatures, annex): the strategy and the commitments
// print in « Engagements des parties », the indicators in « Suivi et évaluation », the governance in « Gouvernance »;
// the order of the parts is no longer chosen here.
import { useEffect, useRef, useState } from 'react';
import { PART_LABELS, PROTOCOLE_PARTS, type ProtocolePart } from '../../../core/features/protocole/contract';

interface Props {
  parts: ProtocolePart[];
  disabled: boolean;
  onChange: (parts: ProtocolePart[], done: string) => Promise<string | null>;
}

const short = (p: ProtocolePart) => PART_LABELS[p].split(' :')[0];

export function PartsEditor({ parts, disabled, onChange }: Props) {
  const [error, setError] = useState<string | null>(null);
  const refocus = useRef<string | null>(null);
  const list = useRef<HTMLOListElement>(null);
  const all = PROTOCOLE_PARTS;

  useEffect(() => {
    if (refocus.current) list.current?.querySelector<HTMLButtonElement>(`#${refocus.current}`)?.focus();
    refocus.current = null;
  }, [parts]);

  async function apply(next: ProtocolePart[], done: string, focusId?: string) {
    const e = await onChange(next, done);
    setError(e);
    if (!e && focusId) refocus.current = focusId;
  }

  return (
    <fieldset className="parts">
      <legend>Parties imprimées</legend>
      <p className="hint">L’ordre suit les articles du document (écran « Contrat », Alt+8).</p>
      <ol ref={list} className="parts-list">
        {all.map((p) => {
          const on = parts.includes(p);
          return (
            <li key={p} className={on ? 'is-on' : 'is-off'}>
              <label>
                <input
                  type="checkbox"
                  checked={on}
                  disabled={disabled}
                  onChange={() => void apply(on ? parts.filter((x) => x !== p) : [...parts, p], on ? `« ${short(p)} » retiré du protocole.` : `« ${short(p)} » ajouté au protocole.`)}
                />{' '}
                {PART_LABELS[p]}
              </label>
            </li>
          );
        })}
      </ol>
      <div role="alert" className="field-alert">
        {error && <p className="field-error">{error}</p>}
      </div>
    </fieldset>
  );
}
