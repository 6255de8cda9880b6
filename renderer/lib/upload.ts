// A file chosen in the page, sent to a job as base64 (the job worker reads the bytes, never a path of the page).

/** The bytes as base64, in chunks (a spread of a whole large file would overflow the call stack). */
function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** The message when a chosen file can no longer be read (moved, deleted, on a removed key). */
export function unreadableFile(name: string): string {
  return `Impossible de lire « ${name} ». Vérifiez qu’il est toujours là, puis réessayez.`;
}

/** Reads the chosen file as an upload; a French message when it cannot be read. */
export async function readUpload(file: File): Promise<{ ok: true; upload: { name: string; base64: string } } | { ok: false; message: string }> {
  try {
    return { ok: true, upload: { name: file.name, base64: toBase64(new Uint8Array(await file.arrayBuffer())) } };
  } catch {
    return { ok: false, message: unreadableFile(file.name) };
  }
}
