// pdf-lib, loaded on first use: freezing, stamping a drawn signature and the plain renderer need it; opening a
// contrat, the CLI's other commands and the app's start do not (issue 22: see core/features/signing/libs.ts and
// `lazyLibraries` in build/scripts/build-node.mjs).
import type * as PdfLib from '@cantoo/pdf-lib';

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const pdfLib = (): typeof PdfLib => require('@cantoo/pdf-lib');
