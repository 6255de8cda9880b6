// Interchange documents Trame must refuse (as JSON text, as a user would give them to `trame import`).
export interface JsonCase { name: string; text: () => string; expect: RegExp }

const ok = () => ({
  format: 'trame',
  version: 1,
  contrat: { name: 'Contrat', epci: 'EPCI' },
  tree: [{ id: 'e1', kind: 'enjeu', title: 'Emploi', children: [{ id: 'o1', kind: 'objectif', title: 'Objectif' }] }],
});

const json = (mutate: (d: any) => void) => () => {
  const d: any = ok();
  mutate(d);
  return JSON.stringify(d);
};

export const JSON_CASES: JsonCase[] = [
  { name: 'JSON tronqué', text: () => JSON.stringify(ok()).slice(0, 60), expect: /JSON|tronqué|illisible/i },
  { name: 'pas du JSON', text: () => '<html>contrat</html>', expect: /JSON/ },
  { name: 'clé inconnue', text: json((d) => (d.tree[0].couleur = 'rouge')), expect: /tree\[0\]\.couleur : clé inconnue/ },
  { name: 'mauvais type', text: json((d) => (d.tree[0].title = 42)), expect: /tree\[0\]\.title/ },
  { name: 'imbrication fausse', text: json((d) => (d.tree[0].children[0].kind = 'action')), expect: /tree\[0\]\.children\[0\]/ },
  { name: 'étiquette inconnue', text: json((d) => (d.tree[0].tag = 'peut-etre')), expect: /tree\[0\]\.tag/ },
  { name: 'id en double', text: json((d) => (d.tree[0].children[0].id = 'e1')), expect: /e1/ },
  {
    name: 'référence manquante',
    text: json((d) => {
      d.partners = [{ id: 'p1', name: 'France Travail' }];
      d.commitments = [{ id: 'c1', partner: 'p9', text: 'x' }];
    }),
    expect: /p9/,
  },
  {
    name: '__proto__',
    text: () => JSON.stringify(ok()).replace('"format":"trame"', '"__proto__":{"polluted":true},"format":"trame"'),
    expect: /__proto__/,
  },
  { name: 'constructor', text: json((d) => (d.contrat.constructor = { prototype: {} })), expect: /constructor/ },
  {
    name: 'bombe de profondeur (100 000 niveaux)',
    text: () => `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
    expect: /profond|imbriqu|niveaux/i,
  },
  {
    name: 'bombe de profondeur dans l’arbre',
    text: () => {
      let node = '{"kind":"indicateur","title":"x"}';
      for (let i = 0; i < 5000; i++) node = `{"kind":"enjeu","title":"x","children":[${node}]}`;
      return `{"format":"trame","version":1,"contrat":{"name":"a","epci":"b"},"tree":[${node}]}`;
    },
    expect: /profond|imbriqu|niveaux/i,
  },
  {
    name: 'chaîne de 100 Mo',
    text: () => JSON.stringify({ ...ok(), contrat: { name: 'x'.repeat(100 * 1024 * 1024), epci: 'b' } }),
    expect: /contrat\.name.*(long|caractères)/,
  },
  { name: 'version future', text: json((d) => (d.version = 2)), expect: /plus récente/ },
  { name: 'format étranger', text: json((d) => (d.format = 'autre')), expect: /format/ },
  // Issue 7, item 4: ill-formed Unicode and normalisation.
  { name: 'surrogate isolé dans un id', text: json((d) => (d.tree[0].id = '\ud800')), expect: /tree\[0\]\.id : texte mal formé/ },
  {
    name: 'deux surrogates isolés différents comme ids',
    text: json((d) => {
      d.tree[0].id = '\ud800';
      d.tree[0].children[0].id = '\ud801';
    }),
    expect: /tree\[0\]\.id : texte mal formé/,
  },
  { name: 'surrogate isolé dans un titre', text: json((d) => (d.tree[0].title = 'Emploi \udc00')), expect: /tree\[0\]\.title : texte mal formé/ },
  { name: 'surrogate isolé dans un nom de champ', text: json((d) => (d.contrat['x\ud800'] = 1)), expect: /contrat : nom de champ texte mal formé/ },
  {
    name: 'deux ids égaux une fois normalisés (NFC)',
    text: json((d) => {
      d.tree[0].id = '\u00e9'; // « é » en un caractère
      d.tree[0].children[0].id = 'e\u0301'; // « e » + accent aigu combinant
    }),
    expect: /tree\[0\]\.children\[0\]\.id : identifiant « é » déjà utilisé \(tree\[0\]\)/,
  },
];
