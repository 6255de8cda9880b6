// « Versions et signatures » : freeze the protocole for signature, the versions with their status, the signing
// sessions, export and import of signed PDFs, verification of any PDF, what an avenant changes, and the copy of the
// contrat without history.
import { useEffect, useRef, useState } from 'react';
import { invoke } from '../../api';
import type { AvenantDiff } from '../../../core/features/versions/diff';
import type { VersionInfo, VersionsState } from '../../../core/features/versions/contract';
import type { VerifyReport } from '../../../core/features/signing/contract';
import { useDoc } from '../../app/doc-context';
import { formatDateTime } from '../../lib/dates';
import { runJob } from '../../lib/jobs';
import { PathDialog, pdfPathProblem, tramePathProblem } from './PathDialog';
import { ReportView } from './ReportView';
import { SignDialog } from './SignDialog';
import { Modal } from '../../ui/Modal';
import './versions.css';

type Dialog =
  | { kind: 'sign'; version: VersionInfo }
  | { kind: 'export'; version: VersionInfo }
  | { kind: 'import'; version: VersionInfo }
  | { kind: 'clean' }
  | null;

const folderOf = (p: string) => p.replace(/[^\\/]*$/, '');

export function VersionsScreen() {
  const { doc, readOnly, announce, showError, focusReq, arrived, revision } = useDoc();
  const [state, setState] = useState<VersionsState | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<{ title: string; report: VerifyReport } | null>(null);
  const [verifyPath, setVerifyPath] = useState('');
  const [verifyError, setVerifyError] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('brouillon');
  const [diff, setDiff] = useState<AvenantDiff | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const reportHeading = useRef<HTMLDivElement>(null);

  /** What is missing before freezing (issue 16): shown above the button, and said again when it is pressed. */
  const [missing, setMissing] = useState<{ code: string; text: string }[] | null>(null);
  const missingRef = useRef<HTMLDivElement>(null);
  async function refresh() {
    const ready = await invoke('protocole.frame', { docId: doc.docId });
    if (ready.ok) setMissing(ready.value.missing);
    const r = await invoke('versions.list', { docId: doc.docId });
    if (r.ok) {
      setState(r.value);
      if (!from && r.value.versions.length) setFrom(r.value.versions[r.value.versions.length - 1].id);
    } else showError(r.error);
  }
  useEffect(() => {
    void refresh();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [doc.docId, revision]);
  const firstFocusReq = useRef(focusReq);
  useEffect(() => {
    if (arrived || focusReq !== firstFocusReq.current) heading.current?.focus();
  }, [arrived, focusReq]);

  /** Asked first: a frozen version can never be changed nor removed. */
  const [confirmFreeze, setConfirmFreeze] = useState(false);

  async function freeze() {
    setConfirmFreeze(false);
    setBusy(true);
    const r = await runJob('versions.freeze', { docId: doc.docId }, () => undefined).done;
    setBusy(false);
    if (!r.ok) return showError(r.error);
    showError(null);
    announce(`${r.value.title} figé : empreinte ${r.value.contentSha256.slice(0, 16)}…`);
    await refresh();
  }

  async function verify(e: React.FormEvent) {
    e.preventDefault();
    const problem = pdfPathProblem(verifyPath.trim());
    setReport(null);
    if (problem) return setVerifyError(problem);
    const r = await runJob('signing.verifyFile', { path: verifyPath.trim() }, () => undefined).done;
    if (!r.ok) return setVerifyError(r.error.message);
    setVerifyError(null);
    setReport({ title: verifyPath.trim(), report: r.value });
    announce(r.value.summary);
  }

  async function verifyVersion(v: VersionInfo) {
    const r = await invoke('versions.verify', { docId: doc.docId, versionId: v.id });
    if (!r.ok) return showError(r.error);
    setReport({ title: v.title, report: r.value });
    announce(r.value.summary);
    requestAnimationFrame(() => reportHeading.current?.focus());
  }

  async function compare(e: React.FormEvent) {
    e.preventDefault();
    if (!from) return;
    const r = await invoke('versions.diff', { docId: doc.docId, from, to });
    if (!r.ok) return showError(r.error);
    setDiff(r.value);
    announce(r.value.entries.length ? `${r.value.entries.length} modification(s) entre ces versions.` : 'Aucune modification entre ces versions.');
  }

  const versions = state?.versions ?? [];
  const sideLabel = (id: string) => (id === 'brouillon' ? 'Brouillon (le contrat actuel)' : versions.find((v) => v.id === id)?.title ?? id);
  const closeDialog = (message?: string) => {
    setDialog(null);
    if (message) announce(message);
    void refresh();
  };
  return (
    <main className="versions" aria-labelledby="versions-title">
      <h2 id="versions-title" ref={heading} tabIndex={-1}>Versions et signatures</h2>
      <section aria-labelledby="freeze-title" className="versions-block">
        <h3 id="freeze-title">Figer pour signature</h3>
        <p>
          {state === null ? 'Chargement…' : versions.length === 0 ? 'Brouillon : aucune version n’a encore été figée.'
            : state.draftChanged ? `Brouillon : le contrat a changé depuis « ${versions[versions.length - 1].title} ».` : `Le contrat est identique à « ${versions[versions.length - 1].title} ».`}
        </p>
        <p className="hint">
          Figer enregistre dans le fichier une version qui ne changera plus : le contrat tel qu’il est, son PDF et l’empreinte SHA-256 de son contenu, imprimée en bas de chaque page. Cette empreinte est celle du contenu figé, pas celle du fichier PDF : un PDF ne peut pas contenir sa propre empreinte.
        </p>
        <p className="hint">
          À chaque ouverture, Trame vérifie chaque version contre elle-même : le contenu et son empreinte, le PDF figé et l’empreinte qu’il porte, chaque PDF signé qui doit prolonger exactement le précédent, et les signatures du dernier PDF contre celles que le fichier enregistre. Une modification d’une seule de ces pièces est signalée « Altéré ». Ce contrôle ne prouve pas tout : quelqu’un qui réécrirait toute une version de façon cohérente, ou effacerait les dernières signatures, n’est décelé qu’en comparant avec un PDF signé conservé hors du fichier.
        </p>
        {missing && missing.length > 0 && (
          <div className="versions-missing" ref={missingRef} tabIndex={-1} aria-labelledby="missing-title">
            <h4 id="missing-title">Avant de figer pour signature, il manque {missing.length} point{missing.length > 1 ? 's' : ''} :</h4>
            <ul>{missing.map((m, i) => <li key={`${m.code}-${i}`}>{m.text}</li>)}</ul>
            <p className="hint">Le cadre juridique (type de document, visas, considérants, articles, partenaires qui ne signent pas) se complète sur l’écran « Contrat » (Alt+8) ; le lieu et le préambule sur l’écran « Protocole » (Alt+6).</p>
          </div>
        )}
        <div className="actions">
          <button type="button" className="btn btn-primary" disabled={busy || readOnly || state?.draftChanged === false} onClick={() => {
            if (missing?.length) {
              announce(`Le document n’est pas prêt à être signé : ${missing.length} point${missing.length > 1 ? 's' : ''} à compléter.`);
              requestAnimationFrame(() => missingRef.current?.focus());
              return;
            }
            setConfirmFreeze(true);
          }}>
            {busy ? 'Création du PDF…' : 'Figer pour signature…'}
          </button>
          <button type="button" className="btn btn-tertiary" onClick={() => setDialog({ kind: 'clean' })}>Enregistrer une copie sans historique…</button>
        </div>
      </section>
      {versions.length > 0 && (
        <section aria-labelledby="list-title" className="versions-block">
          <h3 id="list-title">Versions figées</h3>
          <div className="versions-scroll">
            <table className="versions-table">
              <thead>
                <tr><th scope="col">Version</th><th scope="col">Figée le</th><th scope="col">Statut</th><th scope="col">Empreinte du contenu</th><th scope="col">Actions</th></tr>
              </thead>
              <tbody>
                {versions.map((v) => (
                  <tr key={v.id}>
                    <th scope="row">{v.title}</th>
                    <td><time dateTime={v.frozenAt}>{formatDateTime(v.frozenAt)}</time><br />par {v.frozenBy}</td>
                    <td><span className={`status status-${v.status}`}>{v.statusLabel}</span>
                      {v.problems.length > 0 && <ul className="versions-problems">{v.problems.map((p) => <li key={p}>{p}</li>)}</ul>}
                      {v.signatures.length > 0 && <ul className="versions-sigs">{v.signatures.map((s) => <li key={s.position}>{s.signerName} ({s.kind === 'drawn' ? 'dessinée' : s.kind === 'pades' ? 'certificat' : 'importée'})</li>)}</ul>}
                    </td>
                    <td><code className="sha" title={v.contentSha256}>{v.contentSha256.slice(0, 16)}…</code></td>
                    <td className="versions-actions">
                      <button type="button" className="btn btn-secondary" disabled={readOnly || !v.intact || v.status === 'signe'} onClick={() => setDialog({ kind: 'sign', version: v })}>Signer…<span className="sr-only"> {v.title}</span></button>
                      <button type="button" className="btn btn-tertiary" disabled={!v.intact} onClick={() => setDialog({ kind: 'export', version: v })}>Exporter le PDF…<span className="sr-only"> de {v.title}</span></button>
                      <button type="button" className="btn btn-tertiary" onClick={() => void verifyVersion(v)}>Vérifier<span className="sr-only"> {v.title}</span></button>
                      <button type="button" className="btn btn-tertiary" disabled={readOnly || !v.intact} onClick={() => setDialog({ kind: 'import', version: v })}>Importer un PDF signé…<span className="sr-only"> pour {v.title}</span></button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      <section aria-labelledby="verify-title" className="versions-block">
        <h3 id="verify-title">Vérifier un PDF signé</h3>
        <form onSubmit={verify} noValidate className="inline-form">
          <div className="field">
            <label htmlFor="verify-path">Chemin du PDF à vérifier (reçu par courriel, par exemple)</label>
            <input id="verify-path" type="text" value={verifyPath} onChange={(e) => setVerifyPath(e.target.value)} aria-invalid={verifyError ? true : undefined} aria-describedby={verifyError ? 'verify-error' : undefined} />
            {verifyError && <p id="verify-error" className="field-error">{verifyError}</p>}
          </div>
          <button type="submit" className="btn btn-secondary">Vérifier le PDF</button>
        </form>
        {report && (
          <div ref={reportHeading} tabIndex={-1} aria-label={`Vérification : ${report.title}`}>
            <ReportView report={report.report} headingId="report-title" />
          </div>
        )}
      </section>
      {versions.length > 0 && (
        <section aria-labelledby="diff-title" className="versions-block">
          <h3 id="diff-title">Ce que change un avenant</h3>
          <form onSubmit={compare} noValidate className="inline-form">
            <div className="field">
              <label htmlFor="diff-from">Depuis</label>
              <select id="diff-from" value={from} onChange={(e) => setFrom(e.target.value)}>
                {versions.map((v) => <option key={v.id} value={v.id}>{v.title}</option>)}
              </select>
            </div>
            <div className="field">
              <label htmlFor="diff-to">Jusqu’à</label>
              <select id="diff-to" value={to} onChange={(e) => setTo(e.target.value)}>
                <option value="brouillon">Brouillon (le contrat actuel)</option>
                {versions.map((v) => <option key={v.id} value={v.id}>{v.title}</option>)}
              </select>
            </div>
            <button type="submit" className="btn btn-secondary">Comparer</button>
          </form>
          {diff && (
            <div className="diff">
              <p><strong>{sideLabel(from)}</strong> → <strong>{sideLabel(to)}</strong> : {diff.entries.length === 0 ? 'aucune modification.' : `${diff.entries.length} modification(s).`}</p>
              <ul className="diff-list">{diff.entries.map((e, i) => <li key={i} className={`diff-${e.kind}`}>{e.label}</li>)}</ul>
            </div>
          )}
        </section>
      )}
      {dialog?.kind === 'sign' && (
        <SignDialog docId={doc.docId} version={dialog.version} onCancel={() => closeDialog()} onDone={(_v, m) => closeDialog(m)} />
      )}
      {dialog?.kind === 'export' && (
        <PathDialog title={`Exporter le PDF de « ${dialog.version.title} »`} label="Chemin du PDF à écrire" submit="Exporter"
          initial={`${folderOf(doc.path)}${dialog.version.number === 1 ? 'protocole' : `avenant-${dialog.version.number - 1}`}.pdf`}
          check={pdfPathProblem} onCancel={() => closeDialog()} onDone={closeDialog} done={(p) => `PDF écrit : ${p}`}
          send={(p) => invoke('versions.exportPdf', { docId: doc.docId, versionId: dialog.version.id, path: p })} />
      )}
      {dialog?.kind === 'import' && (
        <PathDialog title={`Importer un PDF signé pour « ${dialog.version.title} »`} label="Chemin du PDF signé (parapheur, autre outil)" submit="Importer"
          initial={folderOf(doc.path)} check={pdfPathProblem} onCancel={() => closeDialog()} onDone={closeDialog} done={() => 'PDF signé importé.'}
          send={(p) => invoke('versions.importSigned', { docId: doc.docId, versionId: dialog.version.id, path: p })}>
          <p>Le PDF doit être celui de cette version, signé par ajout (ses octets commencent par ceux du PDF figé).</p>
        </PathDialog>
      )}
      {dialog?.kind === 'clean' && (
        <PathDialog title="Enregistrer une copie sans historique" label="Chemin de la copie (.trame)" submit="Enregistrer la copie"
          initial={`${folderOf(doc.path)}copie-sans-historique.trame`} check={tramePathProblem} onCancel={() => closeDialog()} onDone={closeDialog}
          done={(p) => `Copie sans historique enregistrée : ${p}`} send={(p) => invoke('versions.cleanCopy', { docId: doc.docId, path: p })}>
          <p>La copie garde le contrat tel qu’il est. Elle ne contient ni l’historique des modifications (anciens textes, éléments supprimés, auteurs), ni les ateliers et leurs comptes rendus (présents, décisions), ni les versions figées et leurs PDF signés : exportez ces PDF et les comptes rendus à part si vous devez les transmettre.</p>
        </PathDialog>
      )}
      {confirmFreeze && (
        <Modal title="Figer cette version ?" onCancel={() => setConfirmFreeze(false)}>
          <p>
            La version figée garde le contrat tel qu’il est maintenant, avec son PDF et son empreinte. Elle ne pourra plus
            être modifiée ni supprimée, même par Ctrl+Z ; les changements suivants feront l’objet d’un avenant.
          </p>
          <div className="actions">
            <button type="button" className="btn btn-primary" autoFocus onClick={() => void freeze()}>
              Figer la version
            </button>
            <button type="button" className="btn btn-secondary" onClick={() => setConfirmFreeze(false)}>
              Annuler
            </button>
          </div>
        </Modal>
      )}
    </main>
  );
}
