// What the CLI prints comes partly from the data (titles, notes, names, paths): a control character there could
// drive the user's terminal (OSC 52 writes the clipboard, CSI 2J clears the screen, a BEL rings). Every such
// character becomes a visible symbol; only the line feed and the tab pass.

/** C0 controls (but \t and \n), DEL and C1 controls. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

function symbol(ch: string): string {
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
  return json.replace(/[\u007f-\u009f]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
