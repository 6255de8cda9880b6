// A verification report, as a partner reads it: one block per signature (who, when, certificate, checks, what
// changed after), the summary first. Never says more than was checked: trust in the certificate is not.
import type { VerifyReport } from '../../../core/features/signing/contract';
import { formatDateTime } from '../../lib/dates';

export function ReportView({ report, headingId }: { report: VerifyReport; headingId: string }) {
  return (
    <section aria-labelledby={headingId} className="verify-report">
      <h3 id={headingId} className={report.ok ? 'verify-ok' : 'verify-bad'}>{report.summary}</h3>
      <ol className="verify-list">
        {report.signatures.map((s) => (
          <li key={s.index} className={s.valid && s.after !== 'modifie' && s.after !== 'indetermine' ? 'verify-sig' : 'verify-sig verify-sig-bad'}>
            <p className="verify-who">
              Signature {s.index} : <strong>{s.signer ?? 'signataire inconnu'}</strong>
              {s.signedAt && <> — le <time dateTime={s.signedAt}>{formatDateTime(s.signedAt, { timeZone: 'Europe/Paris' })}</time> (heure de Paris, annoncée par le signataire)</>}
            </p>
            <p>{s.verdict}</p>
            {s.certificate && (
              <p className="verify-cert">
                Certificat : {s.certificate.subject} ; émis par {s.certificate.issuer} ; valable du {formatDateTime(s.certificate.validFrom)} au {formatDateTime(s.certificate.validTo)}.
              </p>
            )}
            <p className="verify-checks">
              Plage signée {s.byteRangeOk ? 'correcte' : 'incorrecte'} · empreinte {s.digestOk ? 'identique' : 'différente'} · signature {s.signatureOk ? 'valide' : 'invalide'}
            </p>
            {(s.afterDetails.length > 0 || s.notes.length > 0) && (
              <ul>
                {[...s.afterDetails, ...s.notes].map((n, i) => <li key={i}>{n}</li>)}
              </ul>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
