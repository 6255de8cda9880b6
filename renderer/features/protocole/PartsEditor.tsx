// The parts of the protocole: a box to include each one, and « Monter » / « Descendre » to order those included
// (the keyboard's way to reorder: the focus stays on the button of the part that moved).
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
  const all = [...parts, ...PROTOCOLE_PARTS.filter((p) => !parts.includes(p))];

  useEffect(() => {
    if (refocus.current) list.current?.querySelector<HTMLButtonElement>(`#${refocus.current}`)?.focus();
    refocus.current = null;
  }, [parts]);

  async function apply(next: ProtocolePart[], done: string, focusId?: string) {
    const e = await onChange(next, done);
    setError(e);
    if (!e && focusId) refocus.current = focusId;
  }

  function move(p: ProtocolePart, by: -1 | 1) {
    const i = parts.indexOf(p);
    const j = i + by;
    if (j < 0 || j >= parts.length) return;
    const next = [...parts];
    [next[i], next[j]] = [next[j], next[i]];
    // At the ends, the button that moved away is disabled: the focus goes to the other one.
    const focus = j === 0 ? `part-down-${p}` : j === parts.length - 1 ? `part-up-${p}` : `part-${by < 0 ? 'up' : 'down'}-${p}`;
    void apply(next, `« ${short(p)} » ${by < 0 ? 'monte' : 'descend'} en position ${j + 1}.`, focus);
  }

  return (
    <fieldset className="parts">
      <legend>Parties imprimées, dans l’ordre</legend>
      <ol ref={list} className="parts-list">
        {all.map((p) => {
          const i = parts.indexOf(p);
          const on = i >= 0;
          return (
            <li key={p} className={on ? 'is-on' : 'is-off'}>
              <label>
                <input
                  type="checkbox"
                  checked={on}
                  disabled={disabled}
                  onChange={() => void apply(on ? parts.filter((x) => x !== p) : [...parts, p], on ? `« ${short(p)} » retiré du protocole.` : `« ${short(p)} » ajouté à la fin du protocole.`)}
                />{' '}
                {PART_LABELS[p]}
              </label>
              {on && (
                <span className="parts-moves">
                  <button type="button" id={`part-up-${p}`} className="btn btn-secondary btn-small" disabled={disabled || i === 0} onClick={() => move(p, -1)} aria-label={`Monter « ${short(p)} »`}>
                    Monter
                  </button>
                  <button type="button" id={`part-down-${p}`} className="btn btn-secondary btn-small" disabled={disabled || i === parts.length - 1} onClick={() => move(p, 1)} aria-label={`Descendre « ${short(p)} »`}>
                    Descendre
                  </button>
                </span>
              )}
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
