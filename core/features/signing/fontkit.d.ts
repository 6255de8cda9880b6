// fontkit (foliojs, already used by pdfkit) has no types of its own: @cantoo/pdf-lib only needs its `create`.
declare module 'fontkit' {
  export function create(buffer: Uint8Array, postscriptName?: string): unknown;
}
