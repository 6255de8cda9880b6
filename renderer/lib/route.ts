// The URL hash is the app's address: it survives a reload in the browser harness, so a reload reopens the same file,
// on the same screen, with the same item selected.
export type Route =
  | { name: 'start' }
  | { name: 'new' }
  | { name: 'contrat'; path: string; sel: string | null; screen?: string }
  /** The workshop's audience view of a contrat (for the projector). */
  | { name: 'salle'; path: string };

export function parseHash(hash: string): Route {
  const h = hash.replace(/^#/, '');
  const [p, query = ''] = h.split('?', 2);
  if (p === '/nouveau') return { name: 'new' };
  if (p === '/salle') {
    const path = new URLSearchParams(query).get('path');
    if (path) return { name: 'salle', path };
  }
  if (p === '/contrat') {
    const params = new URLSearchParams(query);
    const path = params.get('path');
    const screen = params.get('vue');
    if (path) return { name: 'contrat', path, sel: params.get('sel'), ...(screen ? { screen } : {}) };
  }
  return { name: 'start' };
}

export function formatHash(route: Route): string {
  switch (route.name) {
    case 'start':
      return '#/';
    case 'new':
      return '#/nouveau';
    case 'salle':
      return '#/salle?' + new URLSearchParams({ path: route.path }).toString();
    case 'contrat': {
      const params = new URLSearchParams({ path: route.path });
      if (route.sel) params.set('sel', route.sel);
      if (route.screen) params.set('vue', route.screen);
      return '#/contrat?' + params.toString();
    }
  }
}
