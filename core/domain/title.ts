// The title of a contrat's window: the same in Electron (BrowserWindow.setTitle) and in the page
// (document.title, for the browser harness). Pure, so that both the shell and the renderer import it.

/** Last segment of a Windows or POSIX path. */
export function fileBaseName(p: string): string {
  const parts = p.split(/[\\/]/).filter((s) => s.length > 0);
  return parts.length ? parts[parts.length - 1] : p;
}

/** « Nom du contrat — fichier.trame — Trame », or « Trame » on the start window. */
export function windowTitle(doc: { name: string; path: string } | null): string {
  if (!doc) return 'Trame';
  const name = doc.name.replace(/\s+/g, ' ').trim().slice(0, 120);
  const file = fileBaseName(doc.path);
  return name ? `${name} — ${file} — Trame` : `${file} — Trame`;
}
