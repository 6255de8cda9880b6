// Text as it goes into a printed document: well-formed, without control characters (U+0000…), bidirectional
// overrides nor other invisible formatting that would reorder or hide what the signatories read. Pure.

// C0 controls but tab and line feed, DEL, C1; bidi embeddings, overrides and isolates; BOM.
const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufeff]/gu;

export function cleanText(s: string): string {
  return s.replace(/\r\n?/g, '\n').replace(UNPRINTABLE, '').replace(/\t/g, ' ');
}
