// zod's issues on an interchange document, in French: « chemin : problème », with a suggestion when an
// unknown key is close to a known one.
import type { z } from 'zod';
import { formatPath, issueToFrench } from '../api/zod-french';
import { describe } from './common';

type Issue = z.core.$ZodIssue;

/** Every key the format knows, for the « vouliez-vous dire » suggestion. */
const KNOWN_KEYS = [
  'format', 'version', 'contrat', 'tree', 'partners', 'commitments', 'signatories',
  'name', 'epci', 'pillar', 'period', 'start', 'end', 'qpv', 'code', 'commune',
  'id', 'kind', 'title', 'description', 'tag', 'tagNote', 'children', 'indicator',
  'unit', 'direction', 'baseline', 'target', 'reference', 'label', 'value', 'date', 'source', 'measurements', 'scope',
  'frequency', 'provider', 'libraryRef', 'note', 'copils',
  'type', 'partner', 'nodes', 'text', 'due', 'status', 'role',
  'contact', 'email', 'phone', 'funding', 'amount', 'nature', 'history', 'at', 'by', 'note',
];

const EXPECTED: Record<string, string> = {
  string: 'un texte', number: 'un nombre', int: 'un nombre entier', boolean: 'un booléen',
  array: 'une liste', object: 'un objet',
};

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}

function suggestion(key: string): string {
  if (key.length > 40) return '';
  const lower = key.toLowerCase();
  let best: string | null = null;
  let bestD = 3;
  for (const k of KNOWN_KEYS) {
    const d = k.toLowerCase() === lower ? 0 : editDistance(lower, k.toLowerCase());
    if (d < bestD) {
      best = k;
      bestD = d;
    }
  }
  return best && best !== key ? ` (vouliez-vous dire « ${best} » ?)` : '';
}

/** One zod issue (parsed with `reportInput: true`) → its French lines. */
export function issueLines(issue: Issue): string[] {
  const where = formatPath(issue.path);
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((k) => `${formatPath([...issue.path, k])} : clé inconnue « ${k} »${suggestion(k)}`);
    case 'invalid_type': {
      const expected = EXPECTED[issue.expected] ?? String(issue.expected);
      if (input === undefined) return [`${where} : champ obligatoire manquant (${expected} est attendu)`];
      if (input === null) return [`${where} : null n'est pas accepté — ${expected} est attendu ; pour un champ facultatif sans valeur, omettez-le`];
      return [`${where} : type incorrect : ${expected} est attendu, reçu ${describe(input)}`];
    }
    case 'invalid_value': {
      const values = issue.values.map((v) => `« ${String(v)} »`).join(', ');
      if (input === undefined) return [`${where} : champ obligatoire manquant (valeurs possibles : ${values})`];
      if (input === null) return [`${where} : null n'est pas accepté ; valeurs possibles : ${values}`];
      return [`${where} : valeur ${describe(input)} non reconnue ; valeurs possibles : ${values}`];
    }
    case 'too_big':
      if (issue.origin === 'string' && typeof input === 'string') {
        return [`${where} : texte trop long (${input.length} caractères, au plus ${String(issue.maximum)})`];
      }
      if (issue.origin === 'array' && Array.isArray(input)) {
        return [`${where} : liste trop longue (${input.length} éléments, au plus ${String(issue.maximum)})`];
      }
      return [`${where} : trop grand (au plus ${String(issue.maximum)})`];
    case 'too_small':
      if (issue.origin === 'string') return [`${where} : ${issue.message && !/^Too/.test(issue.message) ? issue.message : 'ne doit pas être vide'}`];
      return [`${where} : trop petit (au moins ${String(issue.minimum)})`];
    default:
      return [issueToFrench(issue)];
  }
}
