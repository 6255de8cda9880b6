// Pass 4 of `parseTrameDocument`: the rules zod cannot see. Nesting (enjeu → objectif → action →
// indicateur), `indicator` on indicateurs only, unique ids, references that exist and point to the right
// kind of thing, QPV codes listed once. It reads the raw value defensively (anything of the wrong shape is
// skipped: zod reports it), so it runs beside zod and a user sees every problem in one attempt.
//
// Ids: tree items, partners and commitments share one namespace (a reference names any of them, so each
// must be unique in the whole document). Measurements and signatories are never referenced: their ids
// are unique within their own kind (all the measurements of the document; all the signatories).
import { ALLOWED_CHILDREN, KIND_LABELS, NODE_KINDS, canHold, nestingError, type NodeKind } from '../domain/tree';
import { asArray, asId, asObject } from './common';

function nodeLabel(kind: NodeKind): string {
  return KIND_LABELS[kind].toLowerCase();
}

function asKind(v: unknown): NodeKind | undefined {
  return (NODE_KINDS as readonly unknown[]).includes(v) ? (v as NodeKind) : undefined;
}

export function checkSemantics(doc: Record<string, unknown>): string[] {
  const problems: string[] = [];
  /** Every id of the document → where it was first seen. */
  const ids = new Map<string, string>();
  /** Ids of tree items → their kind (undefined when the kind itself is wrong). */
  const kinds = new Map<string, NodeKind | undefined>();
  const claim = (id: string | undefined, where: string) => {
    if (id === undefined) return;
    const first = ids.get(id);
    if (first !== undefined) problems.push(`${where}.id : identifiant « ${id} » déjà utilisé (${first})`);
    else ids.set(id, where);
  };
  /** Measurements and signatories: ids unique within their own kind (FORMAT.md). */
  const measurementIds = new Map<string, string>();
  const signatoryIds = new Map<string, string>();
  const claimIn = (seen: Map<string, string>, other: string, id: string | undefined, where: string) => {
    if (id === undefined) return;
    const first = seen.get(id);
    if (first !== undefined) problems.push(`${where}.id : identifiant « ${id} » déjà utilisé par ${other} (${first})`);
    else seen.set(id, where);
  };

  // The tree, iteratively, parents before children, in document order. Depth is bounded by pass 1.
  const stack: { node: unknown; parent: NodeKind | null; path: string }[] = [];
  const tree = asArray(doc.tree);
  for (let i = tree.length - 1; i >= 0; i--) stack.push({ node: tree[i], parent: null, path: `tree[${i}]` });
  while (stack.length > 0) {
    const { node: rawNode, parent, path } = stack.pop()!;
    const node = asObject(rawNode);
    if (!node) continue;
    const kind = asKind(node.kind);
    const id = asId(node.id);
    claim(id, path);
    if (id !== undefined && !kinds.has(id)) kinds.set(id, kind);
    asArray(asObject(node.indicator)?.measurements).forEach((m, k) => {
      claimIn(measurementIds, 'une autre mesure', asId(asObject(m)?.id), `${path}.indicator.measurements[${k}]`);
    });
    if (kind === undefined) continue; // zod says why; nesting cannot be judged
    if (!canHold(parent, kind)) problems.push(`${path}.kind : ${nestingError(parent, kind)}`);
    if (node.indicator !== undefined && kind !== 'indicateur') {
      problems.push(`${path}.indicator : seul un élément de type « indicateur » peut porter un indicateur (celui-ci est un(e) ${nodeLabel(kind)})`);
    }
    const children = asArray(node.children);
    if (children.length > 0 && ALLOWED_CHILDREN[kind].length === 0) {
      const first = asKind(asObject(children[0])?.kind);
      problems.push(
        first
          ? `${path}.children : ${nestingError(kind, first)}`
          : `${path}.children : un(e) ${nodeLabel(kind)} ne peut rien contenir`,
      );
      continue; // its children would only repeat the same problem
    }
    for (let i = children.length - 1; i >= 0; i--) {
      stack.push({ node: children[i], parent: kind, path: `${path}.children[${i}]` });
    }
  }

  const contrat = asObject(doc.contrat);
  const qpvCodes = new Map<string, number>();
  asArray(contrat?.qpv).forEach((q, i) => {
    const code = asId(asObject(q)?.code);
    if (code === undefined) return;
    const first = qpvCodes.get(code);
    if (first !== undefined) problems.push(`contrat.qpv[${i}].code : QPV « ${code} » déjà listé (contrat.qpv[${first}])`);
    else qpvCodes.set(code, i);
  });

  const partnerIds = new Set<string>();
  asArray(doc.partners).forEach((p, i) => {
    const id = asId(asObject(p)?.id);
    claim(id, `partners[${i}]`);
    if (id !== undefined) partnerIds.add(id);
  });
  const commitments = asArray(doc.commitments).map(asObject);
  commitments.forEach((c, i) => claim(asId(c?.id), `commitments[${i}]`));

  const partnerRef = (value: unknown, where: string) => {
    const ref = asId(value);
    if (ref === undefined || partnerIds.has(ref)) return;
    const other = ids.get(ref);
    problems.push(
      other !== undefined
        ? `${where} : « ${ref} » désigne ${other}, pas un partenaire`
        : `${where} : aucun partenaire n'a l'identifiant « ${ref} » (il doit figurer dans « partners »)`,
    );
  };

  commitments.forEach((c, i) => {
    if (!c) return;
    const at = `commitments[${i}]`;
    partnerRef(c.partner, `${at}.partner`);
    const seen = new Set<string>();
    asArray(c.nodes).forEach((value, j) => {
      const ref = asId(value);
      if (ref === undefined) return;
      if (seen.has(ref)) problems.push(`${at}.nodes[${j}] : « ${ref} » est cité deux fois`);
      seen.add(ref);
      if (!kinds.has(ref)) {
        const other = ids.get(ref);
        problems.push(
          other !== undefined
            ? `${at}.nodes[${j}] : « ${ref} » désigne ${other}, pas un élément de l'arbre`
            : `${at}.nodes[${j}] : aucun élément de l'arbre n'a l'identifiant « ${ref} »`,
        );
      }
    });
    const history = asArray(c.history);
    if (history.length > 0) {
      const last = asObject(history[history.length - 1])?.status;
      if (typeof last === 'string' && last !== c.status) {
        problems.push(
          c.status === undefined
            ? `${at}.status : absent alors que l'historique se termine par « ${last} » (le dernier statut de l'historique est celui de l'engagement)`
            : `${at}.history : le dernier statut de l'historique (« ${last} ») n'est pas celui de l'engagement (« ${String(c.status)} »)`,
        );
      }
    }
    const ind = asId(c.indicator);
    if (ind !== undefined) {
      if (!kinds.has(ind)) {
        const other = ids.get(ind);
        problems.push(
          other !== undefined
            ? `${at}.indicator : « ${ind} » désigne ${other}, pas un indicateur de l'arbre`
            : `${at}.indicator : aucun élément de l'arbre n'a l'identifiant « ${ind} »`,
        );
      } else {
        const kind = kinds.get(ind);
        if (kind !== undefined && kind !== 'indicateur') {
          problems.push(`${at}.indicator : « ${ind} » est un(e) ${nodeLabel(kind)}, pas un indicateur de suivi`);
        }
      }
    }
  });

  // Indicators: their data provider is a partner, the QPV they cover are the contrat's (each once).
  const indStack: { node: unknown; path: string }[] = asArray(doc.tree).map((n, i) => ({ node: n, path: `tree[${i}]` }));
  while (indStack.length > 0) {
    const { node: raw, path } = indStack.pop()!;
    const node = asObject(raw);
    if (!node) continue;
    const ind = asObject(node.indicator);
    if (ind) {
      if (ind.provider !== undefined) partnerRef(ind.provider, `${path}.indicator.provider`);
      const seenQpv = new Set<string>();
      asArray(ind.qpv).forEach((v, j) => {
        const code = asId(v);
        if (code === undefined) return;
        if (seenQpv.has(code)) problems.push(`${path}.indicator.qpv[${j}] : QPV « ${code} » cité deux fois`);
        else if (!qpvCodes.has(code)) problems.push(`${path}.indicator.qpv[${j}] : aucun QPV du contrat n'a le code « ${code} » (il doit figurer dans « contrat.qpv »)`);
        seenQpv.add(code);
      });
    }
    asArray(node.children).forEach((c, i) => indStack.push({ node: c, path: `${path}.children[${i}]` }));
  }
  const copilIds = new Map<string, string>();
  asArray(doc.copils).forEach((raw, i) => claimIn(copilIds, 'un autre COPIL', asId(asObject(raw)?.id), `copils[${i}]`));

  asArray(doc.signatories).forEach((raw, i) => {
    const s = asObject(raw);
    claimIn(signatoryIds, 'un autre signataire', asId(s?.id), `signatories[${i}]`);
    partnerRef(s?.partner, `signatories[${i}].partner`);
  });
  asArray(asObject(doc.protocole)?.nonSigning).forEach((v, i) => partnerRef(v, `protocole.nonSigning[${i}]`));
  return problems;
}
