// What the CLI prints comes partly from the data (titles, notes, names, paths): a control character there could
// drive the user's terminal (OSC 52 writes the clipboard, CSI 2J clears the screen, a BEL rings), and a
// bidirectional control could reorder what is shown (a signer « Jean U+202E fdp.exe U+202C Dupont » reads
// « Jean exe.pdf Dupont »). Every such character becomes a visible symbol; only the line feed and the tab pass.

/** C0 controls (but \t and \n), DEL, C1 controls, and the bidirectional controls (embeddings, overrides, isolates, marks). */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** The bidirectional controls, shown by their name (e.g. ⟨RLO⟩): no symbol of Unicode stands for them. */
const BIDI: Record<string, string> = {
  '\u061c': 'ALM', '\u200e': 'LRM', '\u200f': 'RLM', '\u202a': 'LRE', '\u202b': 'RLE', '\u202c': 'PDF', '\u202d': 'LRO',
  '\u202e': 'RLO', '\u2066': 'LRI', '\u2067': 'RLI', '\u2068': 'FSI', '\u2069': 'PDI',
};

function symbol(ch: string): string {
  if (BIDI[ch]) return `⟨${BIDI[ch]}⟩`;
  const c = ch.charCodeAt(0);
  if (c < 0x20) return String.fromCharCode(0x2400 + c); // ␀ … ␛ … ␟ (Control Pictures)
  if (c === 0x7f) return '\u2421'; // ␡
  return '\ufffd'; // C1: �
}

/** Text safe to print to a terminal: control characters replaced by visible symbols. */
export function terminalSafe(text: string): string {
  return text.replace(CONTROL, symbol);
}

/**
 * JSON text safe to print to a terminal without changing the data: JSON.stringify already escapes C0 controls;
 * DEL and C1 controls are escaped the same way (\u007f…\u009f), which any JSON reader reads back as the same text.
 */
export function terminalSafeJson(json: string): string {
  // eslint-disable-next-line no-control-regex
  return json.replace(/[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
