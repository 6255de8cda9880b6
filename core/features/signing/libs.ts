// The signing libraries, loaded on first use: a command, a window or a job that does not sign nor verify does not
// load them. Bundled, pdf-lib, pkijs, asn1js and node-forge (with fontkit and its brotli, appearance.ts) were about
// 4 of the 8 MB that V8 compiled and ran at every start of the CLI and of the app's handlers (issue 22:
// `import-10k-ms`). They are required here, when a function needs them; the command line's bundles leave them
// outside (build/scripts/build-node.mjs, `lazyLibraries`), the app's keep them inside, not run until needed.
/* eslint-disable @typescript-eslint/no-require-imports */
import type * as PdfLib from '@cantoo/pdf-lib';
import type * as Asn1js from 'asn1js';
import type * as Pkijs from 'pkijs';
import type Forge from 'node-forge';

export const pdfLib = (): typeof PdfLib => require('@cantoo/pdf-lib');
export const asn1js = (): typeof Asn1js => require('asn1js');
export const pkijs = (): typeof Pkijs => require('pkijs');
export const forge = (): typeof Forge => require('node-forge');
