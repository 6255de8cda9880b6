// Preloaded (NODE_OPTIONS=--require) by the Node 24 pass of the tests (build/scripts/test-node24.mjs): in vitest,
// its workers and every child process they start (the CLI, the crash writers, `node -e` probes).
//
// node_modules/better-sqlite3/build/Release/better_sqlite3.node is built for the Node that ran `npm ci` (Node 20
// here), and Node 24 cannot load it (another NODE_MODULE_VERSION). This swaps that one file for the Node 24 build
// named by TRAME_NODE24_SQLITE_BINDING, at the moment Node loads it: everything else runs unchanged, as in a
// user's `npx trame` whose `npm install` ran under Node 24 and built better-sqlite3 for it. TRAME_SQLITE_BINDING
// (the Electron path, db/connection.ts) is left unset, as it is under Node.
'use strict';
const path = require('node:path');

const binding = process.env.TRAME_NODE24_SQLITE_BINDING;
if (!binding) throw new Error('TRAME_NODE24_SQLITE_BINDING est vide : le module better-sqlite3 pour Node 24 est introuvable.');
const nodeBuild = path.join('better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
const dlopen = process.dlopen;
process.dlopen = function dlopenNode24(module, filename, ...rest) {
  return dlopen.call(this, module, String(filename).endsWith(path.sep + nodeBuild) ? binding : filename, ...rest);
};
