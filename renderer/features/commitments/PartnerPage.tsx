// A partner's page: what it committed to and what is late, who signs the protocole for it, its contact; deleting it
// says what becomes of its commitments (refused without a choice).
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { invoke } from '../../api';
import { lateList, type CommitmentView } from '../../../core/domain/commitments';
import type { PartnerType } from '../../../core/domain/format-types';
import type { CommitmentsView, PartnerInfo } from '../../../core/features/commitments/contract';
import { useDoc } from '../../app/doc-context';
import { countOf } from '../../lib/text';
import { SavedField } from '../../ui/fields';
import { focusNearAfterRemoval } from '../../ui/focus';
import { CommitmentDialog } from './CommitmentDialog';
import { CommitmentTable } from './CommitmentTable';
import { useEdit } from './data';
import { PartnerTypeOptions } from './labels';
import { RemovePartnerDialog } from './RemovePartnerDialog';
import { StatusDialog } from './StatusDialog';

interface Props { partner: PartnerInfo; view: CommitmentsView; today: string; reload: () => void; onRemoved: () => void }

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function PartnerPage({ partner, view, today, reload, onRemoved }: Props) {
  const { doc, readOnly, showError } = useDoc();
  const edit = useEdit(reload);
  const heading = useRef<HTMLHeadingElement>(null);
  const [dialog, setDialog] = useState<{ kind: 'new' } | { kind: 'status'; c: CommitmentView } | { kind: 'edit'; c: CommitmentView } | { kind: 'remove' } | null>(null);
  const [signName, setSignName] = useState('');
  const [signRole, setSignRole] = useState('');
  const [signError, setSignError] = useState<string | null>(null);
  useEffect(() => {
    if (document.activeElement?.classList.contains('partner-item')) heading.current?.focus();
  }, []);

  const own = view.commitments.filter((c) => c.partnerId === partner.id);
  const late = lateList(own, today);
  const contact = partner.contact ?? { name: null, email: null, phone: null };
  const saveContact = async (patch: Partial<typeof contact>) => {
    const err = await edit(invoke('partners.update', { docId: doc.docId, id: partner.id, patch: { contact: { ...contact, ...patch } } }));
    return err?.message ?? null;
  };
  async function addSignatory(e: FormEvent) {
    e.preventDefault();
    if (!signName.trim()) return setSignError('Le nom du signataire est obligatoire.');
    const err = await edit(
      invoke('signatories.add', { docId: doc.docId, partnerId: partner.id, name: signName.trim(), role: signRole.trim() || null }),
      'Signataire ajouté.',
    );
    if (err) return setSignError(err.message);
    setSignError(null);
    setSignName('');
    setSignRole('');
  }
  const close = (changed?: boolean) => {
    setDialog(null);
    if (changed) reload();
  };

  return (
    <section aria-labelledby="partner-title" className="partner-page">
      <h3 id="partner-title" ref={heading} tabIndex={-1}>
        {partner.name}
      </h3>
      <p className="screen-summary">
        {countOf(own.length, 'engagement')}, {late.length} en retard
      </p>
      <h4>Ses engagements</h4>
      {!readOnly && (
        <button type="button" className="btn btn-primary" onClick={() => setDialog({ kind: 'new' })}>
          Nouvel engagement de ce partenaire
        </button>
      )}
      {late.length > 0 && <p className="late-line">En retard : {late.map((l) => l.commitment.text).join(' ; ')}</p>}
      <CommitmentTable
        caption={`Engagements de ${partner.name}`}
        list={own}
        today={today}
        showPartner={false}
        readOnly={readOnly}
        onStatus={(c) => setDialog({ kind: 'status', c })}
        onEdit={(c) => setDialog({ kind: 'edit', c })}
      />
      <h4>Signataire du protocole</h4>
      {partner.signatories.length === 0 && <p className="muted">Personne n’est encore désigné pour signer.</p>}
      <ul className="signatory-list">
        {partner.signatories.map((s) => (
          <li key={s.id}>
            {s.name}
            {s.role ? `, ${s.role}` : ''}
            {!readOnly && (
              <button
                type="button"
                className="btn btn-tertiary btn-small"
                aria-label={`Retirer le signataire ${s.name}`}
                onClick={(ev) => {
                  const refocus = focusNearAfterRemoval(ev.currentTarget, () => heading.current);
                  void edit(invoke('signatories.remove', { docId: doc.docId, id: s.id }), 'Signataire retiré.').then((e) => (e ? showError(e) : refocus()));
                }}
              >
                Retirer
              </button>
            )}
          </li>
        ))}
      </ul>
      {!readOnly && (
        <form onSubmit={(e) => void addSignatory(e)} noValidate className="field-row">
          <div className="field">
            <label htmlFor="sg-name">Nom du signataire</label>
            <input id="sg-name" type="text" value={signName} onChange={(e) => setSignName(e.target.value)} aria-invalid={signError ? true : undefined} aria-describedby={signError ? 'sg-error' : undefined} />
            {signError && (
              <p className="field-error" id="sg-error" role="alert">
                {signError}
              </p>
            )}
          </div>
          <div className="field">
            <label htmlFor="sg-role">Fonction</label>
            <input id="sg-role" type="text" value={signRole} onChange={(e) => setSignRole(e.target.value)} />
          </div>
          <button type="submit" className="btn btn-secondary">
            Ajouter le signataire
          </button>
        </form>
      )}
      <h4>Fiche</h4>
      <div className="field-row">
        <SavedField id="pp-name" label="Nom" value={partner.name} disabled={readOnly} validate={(t) => (t.trim() ? null : 'Le nom du partenaire est obligatoire.')} onSave={async (t) => (await edit(invoke('partners.update', { docId: doc.docId, id: partner.id, patch: { name: t.trim() } })))?.message ?? null} />
        <div className="field">
          <label htmlFor="pp-type">Famille d’acteurs</label>
          <select id="pp-type" value={partner.type ?? ''} disabled={readOnly} onChange={(e) => void edit(invoke('partners.update', { docId: doc.docId, id: partner.id, patch: { type: (e.target.value || null) as PartnerType | null } }))}>
            <PartnerTypeOptions />
          </select>
        </div>
      </div>
      <p className="subhead">Contact</p>
      <SavedField id="pp-contact-name" label="Nom du contact" value={contact.name ?? ''} disabled={readOnly} onSave={(t) => saveContact({ name: t.trim() || null })} />
      <div className="field-row">
        <SavedField id="pp-email" label="Adresse électronique" value={contact.email ?? ''} disabled={readOnly} validate={(t) => (!t.trim() || EMAIL.test(t.trim()) ? null : 'Adresse non valide (exemple : prenom.nom@exemple.fr).')} onSave={(t) => saveContact({ email: t.trim() || null })} />
        <SavedField id="pp-phone" label="Téléphone" value={contact.phone ?? ''} disabled={readOnly} validate={(t) => (!t.trim() || /^[+0-9 ().-]{4,}$/.test(t.trim()) ? null : 'Chiffres, espaces, points, tirets ou « + » seulement.')} onSave={(t) => saveContact({ phone: t.trim() || null })} />
      </div>
      {!readOnly && (
        <button type="button" className="btn btn-tertiary" onClick={() => setDialog({ kind: 'remove' })}>
          Supprimer ce partenaire
        </button>
      )}
      {(dialog?.kind === 'new' || dialog?.kind === 'edit') && (
        <CommitmentDialog partners={view.partners} presetPartnerId={partner.id} initial={dialog.kind === 'edit' ? dialog.c : undefined} onClose={close} />
      )}
      {dialog?.kind === 'status' && <StatusDialog commitment={dialog.c} onClose={close} />}
      {dialog?.kind === 'remove' && (
        <RemovePartnerDialog
          partner={partner}
          commitments={own}
          others={view.partners.filter((p) => p.id !== partner.id)}
          onClose={(removed) => {
            setDialog(null);
            if (removed) {
              reload();
              onRemoved();
            }
          }}
        />
      )}
    </section>
  );
}
