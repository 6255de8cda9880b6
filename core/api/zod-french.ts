// zod's messages are English; users read French. Each issue becomes « chemin : message ».
import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out || '(racine)';
}

function typeName(t: unknown): string {
  switch (t) {
    case 'string': return 'un texte';
    case 'number': return 'un nombre';
    case 'boolean': return 'un booléen';
    case 'array': return 'une liste';
    case 'object': return 'un objet';
    case 'int': return 'un nombre entier';
    default: return String(t);
  }
}

export function issueToFrench(issue: Issue): string {
  const where = formatPath(issue.path);
  // Messages we wrote ourselves are already French.
  const custom = issue.message && !/^(Invalid|Too|Unrecognized|Expected|Required|Number must|String must)/i.test(issue.message);
  let msg: string;
  switch (issue.code) {
    case 'unrecognized_keys':
      msg = `clé inconnue ${issue.keys.map((k) => `« ${k} »`).join(', ')}`;
      break;
    case 'invalid_type':
      msg = issue.input === undefined ? 'champ obligatoire manquant' : `type incorrect : ${typeName(issue.expected)} est attendu`;
      break;
    case 'invalid_value':
      msg = `valeur non reconnue : attendu ${issue.values.map((v) => `« ${String(v)} »`).join(', ')}`;
      break;
    case 'too_small':
      msg = custom ? issue.message : issue.origin === 'string' ? 'ne doit pas être vide' : `trop petit (minimum ${String(issue.minimum)})`;
      break;
    case 'too_big':
      msg = custom ? issue.message : issue.origin === 'string' ? `trop long (maximum ${String(issue.maximum)} caractères)` : `trop grand (maximum ${String(issue.maximum)})`;
      break;
    case 'invalid_format':
      msg = custom ? issue.message : 'format incorrect';
      break;
    default:
      msg = custom ? issue.message : 'valeur incorrecte';
  }
  return `${where} : ${msg}`;
}

export function zodIssuesToFrench(issues: readonly Issue[]): string[] {
  return issues.slice(0, 50).map(issueToFrench);
}

/** The fields a person types, by their key in the API: how a sentence names them, and their grammatical gender. */
const FIELD_NAMES: Record<string, { name: string; feminine: boolean }> = {
  title: { name: 'le titre', feminine: false },
  description: { name: 'la description', feminine: true },
  tagNote: { name: 'la raison du choix', feminine: true },
  name: { name: 'le nom', feminine: false },
  unit: { name: 'l’unité', feminine: true },
  referenceLabel: { name: 'le territoire de comparaison', feminine: false },
  source: { name: 'la source', feminine: true },
};

/**
 * A sentence for a person when the refusal is about a field they typed (« Le titre est trop long : 500 caractères
 * au plus (vous en avez 612). »), or null when the issue is a program's mistake (then the path-style detail stays).
 */
export function issueForPeople(issue: Issue): string | null {
  const key = issue.path[issue.path.length - 1];
  const field = typeof key === 'string' ? FIELD_NAMES[key] : undefined;
  if (!field) return null;
  const Name = field.name.charAt(0).toUpperCase() + field.name.slice(1);
  if (issue.code === 'too_big' && issue.origin === 'string') {
    const fr = (x: number) => x.toLocaleString('fr-FR');
    const n = typeof issue.input === 'string' ? ` (vous en avez ${fr(issue.input.length)})` : '';
    return `${Name} est trop ${field.feminine ? 'longue' : 'long'} : ${fr(Number(issue.maximum))} caractères au plus${n}.`;
  }
  if (issue.code === 'too_small' && issue.origin === 'string') return `${Name} ne peut pas être vide.`;
  return null;
}
