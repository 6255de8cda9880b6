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

module.exports = {
  forbidden: [
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
