// The module boundaries of Trame, checked inside `npm test` by test/architecture/boundaries.test.ts
// (which also proves, on a small tree written for the purpose, that each rule fires).
//
// Parser: swc. dependency-cruiser reads TypeScript through the `typescript` package's compiler API, which
// TypeScript 7 (the project's compiler) no longer ships; swc parses .ts/.tsx directly and keeps type-only imports,
// which matter here: a type imported from db/ still ties the renderer to the storage.
//
// Feature folders: core/features/<name>/ and renderer/features/<name>/. Another feature may import only a
// feature's public files: index.ts and contract.ts in core, index.ts(x) in the renderer. Cycles between features
// are checked by the test on the feature graph (a cycle can go through public files only, which no path rule sees).

// dependency-cruiser asks swc for TypeScript syntax without JSX, so every .tsx file fails to parse (its swc reader
// has a "TODO: tsx"). It calls the shared @swc/core module object at parse time: switch `tsx` on for .tsx files.
// test/architecture/boundaries.test.ts proves it works: a violation written in a .tsx file is caught.
const swc = require('@swc/core');
if (!swc.parseFileSync.trameTsx) {
  const parseFileSync = swc.parseFileSync;
  swc.parseFileSync = Object.assign(
    (file, options) => parseFileSync(file, /\.tsx$/.test(String(file)) ? { ...options, tsx: true } : options),
    { trameTsx: true },
  );
}

/** Packages that only run in Node or in the Electron main process: never in the renderer's bundle. */
const NODE_ONLY_PACKAGES = ['better-sqlite3', 'kysely', 'electron', 'esbuild'];
const nodeOnlyPackage = `(^|/)node_modules/(${NODE_ONLY_PACKAGES.join('|')})/`;

// The floors of core/ (core/README.md), from the bottom: the base (domain rules, the API's value types, the
// interchange format, file helpers), db/, the infrastructure (core/session, core/jobs), the features (and the API
// contract that combines theirs), the composition root (core/handlers), the hosts (core/cli, core/server). A floor
// imports only from the floors below it and from itself; nothing in core/ or db/ forms a cycle.
const BASE = ['^core/(domain|format)/', '^core/api/(?!(contract|dispatch)\\.ts$)', '^core/(files|app-paths)\\.ts$'];
const ABOVE_INFRA = ['^core/(features|handlers|cli|server)/', '^core/api/(contract|dispatch)\\.ts$'];

module.exports = {
  forbidden: [
    {
      name: 'etage-base',
      comment: "La base (domaine, types de valeur de l'API, format d'échange, fichiers) n'importe que la base.",
      severity: 'error',
      from: { path: BASE },
      to: { path: '^(core|db)/', pathNot: BASE },
    },
    {
      name: 'etage-db',
      comment: "Le stockage (db/) n'importe de core/ que la base : ni session, ni tâches, ni fonctionnalité, ni contrat d'API.",
      severity: 'error',
      from: { path: '^db/' },
      to: { path: '^core/', pathNot: BASE },
    },
    {
      name: 'etage-infrastructure',
      comment: "La session et les tâches (core/session, core/jobs) ne connaissent aucune fonctionnalité : la racine leur passe ce qu'il faut.",
      severity: 'error',
      from: { path: '^core/(session|jobs)/' },
      to: { path: ABOVE_INFRA },
    },
    {
      name: 'etage-fonctionnalites',
      comment: "Une fonctionnalité n'importe ni la racine de composition (core/handlers) ni un hôte (core/cli, core/server).",
      severity: 'error',
      from: { path: '^core/features/' },
      to: { path: '^core/(handlers|cli|server)/' },
    },
    {
      name: 'etage-racine',
      comment: "La racine de composition (core/handlers) n'importe pas les hôtes qui l'utilisent.",
      severity: 'error',
      from: { path: '^core/handlers/' },
      to: { path: '^core/(cli|server)/' },
    },
    {
      name: 'porte-unique-edition',
      comment: "Une fonctionnalité ne voit pas le Store de db/ : elle reçoit un Doc de la session, dont edit et write sont la seule porte (événement, sauvegarde).",
      severity: 'error',
      from: { path: '^core/features/' },
      to: { path: '^db/store\\.ts$' },
    },
    {
      name: 'aucun-cycle',
      comment: 'Aucun cycle d’imports dans core/ et db/, quel que soit le chemin (fonctionnalités, session, tâches, stockage).',
      severity: 'error',
      from: { path: '^(core|db)/' },
      to: { circular: true },
    },
    {
      name: 'renderer-hors-db-electron',
      comment: "Le renderer ne voit ni le stockage (db/) ni le shell (electron/), même à travers d'autres modules.",
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^(db|electron)/', reachable: true },
    },
    {
      name: 'renderer-sans-node',
      comment: 'Le renderer tourne dans une page sandboxée : aucun module intégré de Node (node:fs, path…).',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'renderer-sans-node-indirect',
      comment: "Ni à travers un module partagé (core/…) qu'il importe : seul le contrat pur et le domaine sont permis.",
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^(node:)?(fs|path|os|child_process|worker_threads|crypto|http|net|url|stream|util|module|zlib)(/|$)', reachable: true },
    },
    {
      name: 'renderer-sans-paquet-node',
      comment: 'Ni paquet qui ne tourne que sous Node (better-sqlite3, kysely, electron…), même indirectement.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: nodeOnlyPackage, reachable: true },
    },
    {
      name: 'db-hors-electron-renderer',
      comment: "Le stockage ne dépend ni du shell ni de l'interface.",
      severity: 'error',
      from: { path: '^db/' },
      to: { path: ['^(electron|renderer)/', '(^|/)node_modules/electron/'] },
    },
    {
      name: 'core-hors-electron-renderer',
      comment: "Le cœur (API, domaine, CLI, harnais HTTP) ne dépend ni du shell ni de l'interface : la CLI et les tests tournent sans Electron.",
      severity: 'error',
      from: { path: '^core/' },
      to: { path: ['^(electron|renderer)/', '(^|/)node_modules/electron/'] },
    },
    {
      name: 'fonctionnalite-interne-core',
      comment: "Une fonctionnalité n'importe d'une autre que ses fichiers publics : index.ts et contract.ts.",
      severity: 'error',
      from: { path: '^core/features/([^/]+)/' },
      to: {
        path: '^core/features/[^/]+/',
        pathNot: ['^core/features/$1/', '^core/features/[^/]+/(index|contract)\\.ts$'],
      },
    },
    {
      name: 'fonctionnalite-interne-renderer',
      comment: "Un écran n'importe d'un autre que son index.ts(x).",
      severity: 'error',
      from: { path: '^renderer/features/([^/]+)/' },
      to: {
        path: '^renderer/features/[^/]+/',
        pathNot: ['^renderer/features/$1/', '^renderer/features/[^/]+/index\\.tsx?$'],
      },
    },
  ],
  options: {
    parser: 'swc',
    moduleSystems: ['es6', 'cjs'],
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|release)/' },
  },
};
