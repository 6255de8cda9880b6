// Preloaded (`node -r`) into Electronegativity 1.10.3 by test/security/electronegativity.test.ts.
// Its CSV output is written by two fs.writeFile calls started together (dist/util/file.js): the header, which
// truncates the file, and the records, appended. When the header lands second it overwrites the start of the
// first record (seen in CI: a record beginning with " parse CSP, it may not be valid."). Made synchronous here,
// the writes happen in the order they were made: header, then records. Nothing else in the tool is changed.
'use strict';
const fs = require('fs');

fs.writeFile = function writeFileInOrder(file, data, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  try {
    fs.writeFileSync(file, data, options);
  } catch (err) {
    process.nextTick(callback, err);
    return;
  }
  process.nextTick(callback, null);
};
