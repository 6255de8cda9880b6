// One conflict of a merge: what it is about, both values with who changed them and when, and the choice (a radio
// group: keep mine, keep theirs, keep both for probable duplicates, or an edited combined text).
import type { ConflictView } from '../../../core/features/merge/contract';
import { columnText, KIND_TEXT, keyId, tableText, valueText, whoText } from './labels';

export type Pick = 'mien' | 'leur' | 'les-deux' | 'texte';

interface Props {
  conflict: ConflictView;
  index: number;
  total: number;
  titles: ReadonlyMap<string, string>;
  pick: Pick | undefined;
  text: string;
  onPick: (p: Pick) => void;
  onText: (t: string) => void;
}

/** What the conflict is about: « Élément « Ateliers » — titre ». */
function subject(c: ConflictView, titles: ReadonlyMap<string, string>): string {
  const id = keyId(c.key);
  const rowOf = (v: unknown) => (v && typeof v === 'object' ? ((v as Record<string, unknown>).title ?? (v as Record<string, unknown>).name) : undefined);
  const name = titles.get(id) ?? rowOf(c.mine) ?? rowOf(c.theirs) ?? rowOf(c.base);
  const col = columnText(c.column);
  return `${tableText(c.table)} ${typeof name === 'string' ? `« ${name} »` : id}${col ? ` — ${col}` : ''}`;
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function ConflictChoice({ conflict: c, index, total, titles, pick, text, onPick, onText }: Props) {
  const name = `merge-conflict-${index}`;
  const descId = `${name}-desc`;
  const radio = (value: Pick, label: string) => (
    <label className="check">
      <input type="radio" name={name} value={value} checked={pick === value} onChange={() => onPick(value)} data-conflict={index} /> {label}
    </label>
  );
  return (
    <fieldset className="merge-conflict" aria-describedby={descId}>
      <legend>
        Conflit {index + 1} sur {total} : {subject(c, titles)}
      </legend>
      <p id={descId} className="merge-who">
        {capital(KIND_TEXT[c.kind])}. Le mien : {whoText(c.whoMine)}. Le leur : {whoText(c.whoTheirs)}.
      </p>
      {radio('mien', `Garder le mien : ${valueText(c, c.mine, titles)}`)}
      {radio('leur', `Garder le leur : ${valueText(c, c.theirs, titles)}`)}
      {c.both && radio('les-deux', 'Garder les deux')}
      {c.text && radio('texte', 'Écrire un texte combiné')}
      {c.text && pick === 'texte' && (
        <div className="field merge-text">
          <label htmlFor={`${name}-text`}>Texte combiné (conflit {index + 1})</label>
          <textarea id={`${name}-text`} value={text} rows={3} onChange={(e) => onText(e.target.value)} />
        </div>
      )}
    </fieldset>
  );
}
