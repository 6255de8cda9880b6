// Deleting a partner that still has commitments: they are listed, and the user chooses what becomes of them
// (deleted with it, or given to another partner). One undoable step either way.
import { useState, type FormEvent } from 'react';
import { invoke } from '../../api';
import type { CommitmentView } from '../../../core/domain/commitments';
import type { PartnerInfo } from '../../../core/features/commitments/contract';
import { useDoc } from '../../app/doc-context';
import { FormActions } from '../../ui/FormActions';
import { Modal } from '../../ui/Modal';
import { useEdit } from './data';

interface Props { partner: PartnerInfo; commitments: CommitmentView[]; others: PartnerInfo[]; onClose: (removed: boolean) => void }

export function RemovePartnerDialog({ partner, commitments, others, onClose }: Props) {
  const { doc } = useDoc();
  const edit = useEdit(() => undefined);
  const [choice, setChoice] = useState<'supprimer' | 'reattribuer'>('supprimer');
  const [to, setTo] = useState('');
  const [error, setError] = useState<string | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (commitments.length && choice === 'reattribuer' && !to) return setError('Choisissez le partenaire qui reprend ses engagements.');
    const input = commitments.length
      ? { docId: doc.docId, id: partner.id, commitments: choice, ...(choice === 'reattribuer' ? { reassignTo: to } : {}) }
      : { docId: doc.docId, id: partner.id };
    const err = await edit(invoke('partners.remove', input), `Partenaire « ${partner.name} » supprimé (Ctrl+Z pour l’annuler).`);
    if (err) return setError(err.message);
    onClose(true);
  }
  return (
    <Modal title={`Supprimer « ${partner.name} »`} onCancel={() => onClose(false)}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        {commitments.length === 0 ? (
          <p>Ce partenaire n’a aucun engagement. Son contact et ses signataires seront supprimés avec lui.</p>
        ) : (
          <>
            <p>{commitments.length === 1 ? 'Cet engagement s’y rattache :' : `Ces ${commitments.length} engagements s’y rattachent :`}</p>
            <ul className="remove-list">
              {commitments.map((c) => (
                <li key={c.id}>{c.text}</li>
              ))}
            </ul>
            <fieldset className="fieldset">
              <legend>Que deviennent-ils ?</legend>
              <label className="radio">
                <input type="radio" name="rp-choice" autoFocus checked={choice === 'supprimer'} onChange={() => setChoice('supprimer')} /> Les supprimer avec le partenaire
              </label>
              <label className="radio">
                <input type="radio" name="rp-choice" checked={choice === 'reattribuer'} onChange={() => setChoice('reattribuer')} disabled={others.length === 0} /> Les attribuer à un autre partenaire
              </label>
              {choice === 'reattribuer' && (
                <div className="field">
                  <label htmlFor="rp-to">Partenaire qui les reprend</label>
                  <select id="rp-to" value={to} onChange={(e) => setTo(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? 'rp-error' : undefined}>
                    <option value="">— Choisir —</option>
                    {others.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name}
                      </option>
                    ))}
                  </select>
                </div>
              )}
            </fieldset>
          </>
        )}
        {error && (
          <p className="field-error" id="rp-error" role="alert">
            {error}
          </p>
        )}
        <FormActions submit="Supprimer le partenaire" busy={false} onCancel={() => onClose(false)} />
      </form>
    </Modal>
  );
}
