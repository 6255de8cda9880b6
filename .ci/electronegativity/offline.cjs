// Preloaded (`node -r`) into Electronegativity 1.10.3 by test/security/electronegativity.test.ts, with
// serial-writes.cjs. At start the tool fetches updated translations with `got` (dist/locales/i18n.js) and falls back
// to its own on failure. The tests run offline: on Node 24, got 11's retry after the failed request makes
// p-cancelable throw « The `onCancel` handler was attached after the promise settled » and the process dies before
// auditing anything. Here `got` answers at once with a failure, so the tool takes its own translations, as it does
// on any machine without network. Nothing else in the tool is changed.
'use strict';
const Module = require('module');

const load = Module._load;
Module._load = function loadOffline(request, parent, isMain) {
  if (request === 'got') {
    const offline = () => Promise.reject(Object.assign(new Error('hors ligne (test)'), { code: 'ENETUNREACH' }));
    return Object.assign(offline, { default: offline, __esModule: false });
  }
  return load.call(this, request, parent, isMain);
};
