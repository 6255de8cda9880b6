// Contrats in the interchange format that the UI tests build through the handlers.

/** 10 enjeux × 10 objectifs × 10 actions × 9 indicateurs = 10 110 items. */
export function bigDocument(): unknown {
  const tags = ['ajouter', 'garder', 'repenser', 'renouveler', 'jeter', 'mettre-en-veille', undefined] as const;
  let n = 0;
  const tag = () => tags[n++ % tags.length];
  const node = (kind: string, title: string, children: unknown[] = []) => {
    const t = tag();
    return { kind, title, ...(t ? { tag: t } : {}), ...(children.length ? { children } : {}) };
  };
  const range = (k: number) => Array.from({ length: k }, (_, i) => i + 1);
  return {
    format: 'trame',
    version: 1,
    contrat: { name: 'Grand contrat', epci: 'Métropole Test', period: { start: 2024, end: 2030 }, qpv: [] },
    tree: range(10).map((e) =>
      node('enjeu', `Enjeu ${e}`, range(10).map((o) =>
        node('objectif', `Objectif ${e}.${o}`, range(10).map((a) =>
          node('action', `Action ${e}.${o}.${a}`, range(9).map((i) => node('indicateur', `Indicateur ${e}.${o}.${a}.${i}`))),
        )),
      )),
    ),
  };
}
