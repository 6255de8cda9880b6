// A signing session for one signatory of a frozen version: drawn (mouse, touch or stylus on signature_pad; or the
// name typed and written in script, for keyboard users) or with a .p12/.pfx certificate and its passphrase. The
// passphrase lives only in this dialog's state, sent once, cleared at once: never stored nor logged (kept only while
// a confirmation is asked: a certificate held by someone else than the signatory). A drawn signature is cropped to
// its strokes before it is sent.
import { useEffect, useRef, useState } from 'react';
import SignaturePad from 'signature_pad';
import { invoke } from '../../api';
import { runJob } from '../../lib/jobs';
import type { Result } from '../../../core/api/result';
import type { VersionInfo } from '../../../core/features/versions/contract';
import { Modal } from '../../ui/Modal';

interface Props {
  docId: string;
  version: VersionInfo;
  onDone(v: VersionInfo, message: string): void;
  onCancel(): void;
}

export function SignDialog({ docId, version, onDone, onCancel }: Props) {
  const pending = version.signatories.filter((s) => !s.signed);
  const [signatoryId, setSignatoryId] = useState(pending[0]?.id ?? '');
  // Once an electronic signature certified the PDF, a drawn one (an annotation) would be a modification.
  const certified = version.signatures.some((x) => x.kind !== 'drawn');
  const [mode, setMode] = useState<'drawn' | 'pades'>(certified ? 'pades' : 'drawn');
  const [typedName, setTypedName] = useState('');
  const [p12Path, setP12Path] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<{ field: 'pad' | 'p12' | 'pass' | 'form'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  /** The certificate's holder is not the signatory: both names, until the user confirms or cancels. */
  const [mismatch, setMismatch] = useState<{ signatory: string; holder: string } | null>(null);
  const pending_secret = useRef('');
  const confirmButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (mismatch) confirmButton.current?.focus();
  }, [mismatch]);
  const canvas = useRef<HTMLCanvasElement>(null);
  const pad = useRef<SignaturePad | null>(null);
  const first = useRef<HTMLSelectElement>(null);

  useEffect(() => first.current?.focus(), []);
  useEffect(() => {
    if (mode !== 'drawn' || !canvas.current) return;
    const c = canvas.current;
    const ratio = Math.max(window.devicePixelRatio || 1, 1);
    c.width = c.offsetWidth * ratio;
    c.height = c.offsetHeight * ratio;
    c.getContext('2d')?.scale(ratio, ratio);
    const p = new SignaturePad(c, { penColor: '#000091', backgroundColor: 'rgba(255,255,255,0)' });
    pad.current = p;
    const cleared = () => setError(null);
    p.addEventListener('endStroke', cleared);
    return () => {
      p.removeEventListener('endStroke', cleared);
      p.off();
    };
  }, [mode]);

  function writeTypedName() {
    const c = canvas.current;
    const p = pad.current;
    if (!c || !p || !typedName.trim()) return;
    p.clear();
    const ctx = c.getContext('2d')!;
    ctx.fillStyle = '#000091';
    ctx.font = 'italic 34px "Brush Script MT", "Segoe Script", cursive';
    ctx.fillText(typedName.trim(), 16, c.offsetHeight / 2 + 12);
  }

  function cancelMismatch() {
    pending_secret.current = '';
    setMismatch(null);
  }

  async function submit(e: React.FormEvent | null, confirmed = false) {
    e?.preventDefault();
    if (!signatoryId) return setError({ field: 'form', text: 'Choisissez le signataire.' });
    let r: Result<VersionInfo>;
    const who = pending.find((s) => s.id === signatoryId)?.name ?? '';
    if (mode === 'drawn') {
      const typed = typedName.trim() !== '';
      if ((pad.current?.isEmpty() ?? true) && !typed) {
        setError({ field: 'pad', text: 'Tracez la signature dans le cadre, ou tapez le nom puis « Écrire le nom ».' });
        return;
      }
      if (typed && (pad.current?.isEmpty() ?? true)) writeTypedName();
      setBusy(true);
      r = await invoke('versions.signDrawn', { docId, versionId: version.id, signatoryId, png: croppedPng(canvas.current!) });
    } else {
      if (!p12Path.trim()) return setError({ field: 'p12', text: 'Indiquez le chemin du certificat (.p12 ou .pfx).' });
      const secret = confirmed ? pending_secret.current : passphrase;
      pending_secret.current = '';
      setPassphrase('');
      setMismatch(null);
      setBusy(true);
      r = await runJob('versions.signPades', { docId, versionId: version.id, signatoryId, p12Path: p12Path.trim(), passphrase: secret, acceptNameMismatch: confirmed }, () => undefined).done;
      if (!r.ok && r.error.details?.[0] === 'nom-different' && !confirmed) {
        pending_secret.current = secret;
        setBusy(false);
        setMismatch({ signatory: r.error.details[1] ?? who, holder: r.error.details[2] ?? '' });
        return;
      }
    }
    setBusy(false);
    if (r.ok) onDone(r.value, `${who} a signé « ${version.title} » (${mode === 'drawn' ? 'signature dessinée' : 'signature électronique'}).`);
    else setError({ field: mode === 'pades' ? (/phrase de passe/i.test(r.error.message) ? 'pass' : 'p12') : 'form', text: r.error.message });
  }

  const err = (field: string) => (error?.field === field ? error.text : null);
  return (
    <Modal title={`Signer « ${version.title} »`} onCancel={onCancel} className="modal-wide">
      {pending.length === 0 ? (
        <p>Tous les signataires ont signé cette version.</p>
      ) : (
        <form onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor="sign-who">Signataire</label>
            <select id="sign-who" ref={first} value={signatoryId} onChange={(e) => setSignatoryId(e.target.value)}>
              {pending.map((s) => (
                <option key={s.id} value={s.id}>{s.name}{s.role ? `, ${s.role}` : ''}</option>
              ))}
            </select>
          </div>
          <fieldset className="fieldset">
            <legend>Manière de signer</legend>
            <label className="sign-choice">
              <input type="radio" name="sign-mode" checked={mode === 'drawn'} disabled={certified} aria-describedby={certified ? 'drawn-off' : undefined} onChange={() => setMode('drawn')} /> Signature dessinée (souris, doigt ou stylet)
            </label>
            {certified && <p id="drawn-off" className="hint">Une signature électronique certifie déjà ce document : une signature dessinée ajoutée maintenant le modifierait.</p>}
            <label className="sign-choice">
              <input type="radio" name="sign-mode" checked={mode === 'pades'} onChange={() => setMode('pades')} /> Signature électronique avec un certificat (.p12 ou .pfx)
            </label>
          </fieldset>
          {mode === 'drawn' ? (
            <div className="field">
              <span className="label" id="pad-label">Tracez la signature dans le cadre</span>
              <canvas ref={canvas} className="sign-pad" role="img" aria-labelledby="pad-label" aria-describedby={err('pad') ? 'pad-error' : undefined} />
              {err('pad') && <p id="pad-error" className="field-error">{err('pad')}</p>}
              <div className="sign-typed">
                <label htmlFor="sign-typed">Ou tapez le nom, écrit dans le cadre</label>
                <input id="sign-typed" type="text" value={typedName} onChange={(e) => setTypedName(e.target.value)} />
                <button type="button" className="btn btn-tertiary" onClick={writeTypedName}>Écrire le nom</button>
                <button type="button" className="btn btn-tertiary" onClick={() => pad.current?.clear()}>Effacer</button>
              </div>
            </div>
          ) : (
            <>
              <div className="field">
                <label htmlFor="sign-p12">Certificat (.p12 ou .pfx) : chemin du fichier</label>
                <input id="sign-p12" type="text" value={p12Path} onChange={(e) => setP12Path(e.target.value)} aria-invalid={err('p12') ? true : undefined} aria-describedby={err('p12') ? 'p12-error' : undefined} />
                {err('p12') && <p id="p12-error" className="field-error">{err('p12')}</p>}
              </div>
              <div className="field">
                <label htmlFor="sign-pass">Phrase de passe du certificat</label>
                <input id="sign-pass" type="password" autoComplete="off" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} aria-invalid={err('pass') ? true : undefined} aria-describedby={err('pass') ? 'pass-error' : 'pass-hint'} />
                <p id="pass-hint" className="hint">Elle sert à cette signature seulement : Trame ne la garde pas.</p>
                {err('pass') && <p id="pass-error" className="field-error">{err('pass')}</p>}
              </div>
            </>
          )}
          {err('form') && <p className="field-error" role="alert">{err('form')}</p>}
          {mismatch && (
            <div className="sign-mismatch" role="alertdialog" aria-labelledby="mismatch-title" aria-describedby="mismatch-text">
              <p id="mismatch-title"><strong>Le certificat n’est pas au nom du signataire</strong></p>
              <p id="mismatch-text">
                Ce certificat est au nom de « {mismatch.holder} », pas de « {mismatch.signatory} ». La signature sera celle de {mismatch.holder} :
                signez seulement si {mismatch.holder} signe bien pour {mismatch.signatory}.
              </p>
              <div className="actions">
                <button type="button" ref={confirmButton} className="btn btn-primary" onClick={() => void submit(null, true)}>Signer quand même</button>
                <button type="button" className="btn btn-secondary" onClick={cancelMismatch}>Ne pas signer</button>
              </div>
            </div>
          )}
          <div className="actions">
            <button type="submit" className="btn btn-primary" disabled={busy || mismatch !== null}>{busy ? 'Signature en cours…' : 'Signer'}</button>
            <button type="button" className="btn btn-secondary" onClick={onCancel}>Annuler</button>
          </div>
        </form>
      )}
      {pending.length === 0 && (
        <div className="actions"><button type="button" className="btn btn-secondary" onClick={onCancel}>Fermer</button></div>
      )}
    </Modal>
  );
}

/** The drawing cropped to its strokes (a margin of a few pixels), as a PNG data URL; the whole canvas when empty. */
function croppedPng(c: HTMLCanvasElement): string {
  const ctx = c.getContext('2d');
  if (!ctx || !c.width || !c.height) return c.toDataURL('image/png');
  const { data, width, height } = ctx.getImageData(0, 0, c.width, c.height);
  let [x0, y0, x1, y1] = [width, height, -1, -1];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (data[(y * width + x) * 4 + 3] === 0) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  if (x1 < 0) return c.toDataURL('image/png');
  const m = 4;
  [x0, y0, x1, y1] = [Math.max(x0 - m, 0), Math.max(y0 - m, 0), Math.min(x1 + m, width - 1), Math.min(y1 + m, height - 1)];
  const out = document.createElement('canvas');
  out.width = x1 - x0 + 1;
  out.height = y1 - y0 + 1;
  out.getContext('2d')!.putImageData(ctx.getImageData(x0, y0, out.width, out.height), 0, 0);
  return out.toDataURL('image/png');
}
