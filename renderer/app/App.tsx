import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { invoke, shell } from '../api';
import type { AppInfo, DocInfo } from '../../core/api/contract';
import { windowTitle } from '../../core/domain/title';
import type { AppError, Result } from '../../core/api/result';
import { formatHash, parseHash, type Route } from '../lib/route';
import { dispatchMenu, onMenu } from '../lib/menu';
import { joinPath } from '../lib/text';
import { NameDialog, NewContratForm, StartScreen } from '../features/start';
import { ImportDialog } from '../features/files';
import { DocShell } from './DocShell';
import { Modal } from '../ui/Modal';
import { DEFAULT_SCREEN } from './screens';
import { AudienceView } from '../features/workshop';
import { applyLargeText, isLargeTextKey, LargeTextContext, type LargeText } from './large-text';

/** Open a file; a file this app already holds open (e.g. after a reload of the page) is simply picked up again. */
async function openDoc(path: string): Promise<Result<DocInfo>> {
  const r = await invoke('doc.open', { path });
  if (!r.ok && r.error.code === 'deja-ouvert' && r.error.docId) return invoke('doc.info', { docId: r.error.docId });
  return r;
}

/**
 * Release a contrat this window no longer shows — unless its file stopped accepting writes: its latest edits then live
 * only in memory, so it stays open (its address or the recent files bring it back, banner included). « Fermer sans
 * enregistrer » closes it explicitly.
 */
async function release(docId: string): Promise<void> {
  const r = await invoke('doc.info', { docId });
  if (r.ok && r.value.offline) return;
  await invoke('doc.close', { docId });
}

export function App() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [fatal, setFatal] = useState<string | null>(null);
  const [route, setRoute] = useState<Route>(() => parseHash(location.hash));
  const [doc, setDoc] = useState<DocInfo | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const [about, setAbout] = useState(false);
  const [importing, setImporting] = useState(false);

  useEffect(() => {
    void invoke('app.info', {}).then((r) => (r.ok ? setInfo(r.value) : setFatal(r.error.message)));
    const onHash = () => setRoute(parseHash(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  // « Texte agrandi », kept in the settings: applied as soon as they are read, toggled by the header or Alt+Maj+T.
  const [largeTextError, setLargeTextError] = useState<string | null>(null);
  useEffect(() => applyLargeText(info?.largeText ?? false), [info?.largeText]);
  const toggleLargeText = useCallback(async () => {
    if (!info) return;
    const r = await invoke('settings.setLargeText', { on: !info.largeText });
    if (r.ok) {
      setInfo(r.value);
      setLargeTextError(null);
    } else setLargeTextError(r.error.message);
  }, [info]);
  const largeText = useMemo<LargeText>(
    () => ({ on: info?.largeText ?? false, toggle: () => void toggleLargeText(), error: largeTextError }),
    [info?.largeText, toggleLargeText, largeTextError],
  );
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isLargeTextKey(e)) return;
      e.preventDefault();
      void toggleLargeText();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [toggleLargeText]);

  const navigate = useCallback((r: Route, replace = false) => {
    const h = formatHash(r);
    if (replace) history.replaceState(null, '', h);
    else if (location.hash !== h) history.pushState(null, '', h);
    setRoute(r);
  }, []);

  // The route names the file; open it when this window does not hold it yet (first load, reload, back button).
  const routePath = route.name === 'contrat' ? route.path : null;
  useEffect(() => {
    if (routePath === null || (doc && doc.path === routePath)) return;
    let live = true;
    setBusy(true);
    void openDoc(routePath).then((r) => {
      if (!live) return;
      setBusy(false);
      if (r.ok) {
        // Another contrat was shown here (back button after a restore…): release its file.
        if (doc && doc.docId !== r.value.docId) void release(doc.docId);
        setDoc(r.value);
        setError(null);
        if (r.value.path !== routePath) navigate({ name: 'contrat', path: r.value.path, sel: null }, true);
      } else {
        setError(r.error);
        setDoc(null);
        navigate({ name: 'start' }, true);
      }
    });
    return () => {
      live = false;
    };
  }, [routePath, doc, navigate]);

  // Leaving the contrat screen (Fermer, back button): release the file.
  useEffect(() => {
    if (routePath === null && doc) {
      void release(doc.docId);
      setDoc(null);
    }
  }, [routePath, doc]);

  useEffect(() => {
    const s = shell();
    if (doc) {
      document.title = windowTitle({ name: doc.contrat.name, path: doc.path }); // as the Electron window's
      s?.setDocument({ docId: doc.docId, path: doc.path, name: doc.contrat.name });
    } else {
      document.title = windowTitle(null);
      s?.setDocument(null);
    }
  }, [doc]);

  const showDoc = useCallback(
    (d: DocInfo) => {
      setDoc(d);
      setError(null);
      navigate({ name: 'contrat', path: d.path, sel: null });
    },
    [navigate],
  );

  /** Same document, new state: after « Enregistrer sous » the address names the new file, so a reload reopens it. */
  const changeDoc = useCallback(
    (d: DocInfo) => {
      setDoc(d);
      if (route.name === 'contrat' && route.path !== d.path) navigate({ name: 'contrat', path: d.path, sel: route.sel }, true);
    },
    [route, navigate],
  );

  /** A document the handlers have just opened (a restored backup): its own window in Electron, else shown here. */
  const showOpened = useCallback(
    (d: DocInfo) => {
      const s = shell();
      if (s) {
        void s.openInWindow(d.path);
        return;
      }
      if (doc && doc.docId !== d.docId) void release(doc.docId);
      showDoc(d);
    },
    [doc, showDoc],
  );

  const openPath = useCallback(
    (path: string) => {
      const s = shell();
      if (s && doc) {
        // This window already shows a contrat: the shell opens the other one beside it.
        void s.openInWindow(path);
        return;
      }
      navigate({ name: 'contrat', path, sel: null });
    },
    [doc, navigate],
  );

  const chooseOpen = useCallback(async () => {
    const s = shell();
    if (!s) {
      navigate({ name: 'start' });
      return;
    }
    const p = await s.chooseOpenPath({ title: 'Ouvrir un contrat', filters: 'trame' });
    if (p) openPath(p);
  }, [navigate, openPath]);

  const createDemo = useCallback(async () => {
    if (!info) return;
    const s = shell();
    setBusy(true);
    setError(null);
    let r: Result<DocInfo> | null = null;
    if (s) {
      const p = await s.chooseSavePath({ title: 'Enregistrer le contrat d’exemple', defaultName: 'contrat-exemple.trame', filters: 'trame' });
      if (p) r = await invoke('contrat.createDemo', { path: p });
    } else {
      // In the browser: the first free name in the default folder.
      for (let i = 1; i <= 50; i++) {
        const name = i === 1 ? 'contrat-exemple.trame' : `contrat-exemple-${i}.trame`;
        r = await invoke('contrat.createDemo', { path: joinPath(info.defaultDir, name) });
        if (r.ok || r.error.code !== 'fichier-existe') break;
      }
    }
    setBusy(false);
    if (!r) return;
    if (r.ok) {
      if (s && doc) void s.openInWindow(r.value.path);
      else showDoc(r.value);
    } else setError(r.error);
  }, [info, doc, showDoc]);

  // The shell's callbacks read the latest route through a ref, so that they stay the same between renders.
  const routeRef = useRef(route);
  routeRef.current = route;
  const onSelectionChange = useCallback(
    (sel: string | null) => {
      const r = routeRef.current;
      if (r.name === 'contrat' && r.sel !== sel) navigate({ ...r, sel }, true);
    },
    [navigate],
  );
  const onScreenChange = useCallback(
    (screenId: string) => {
      const r = routeRef.current;
      if (r.name === 'contrat') navigate({ ...r, screen: screenId === DEFAULT_SCREEN ? undefined : screenId });
    },
    [navigate],
  );
  const hrefFor = useCallback(
    (screenId: string) => {
      const r = routeRef.current;
      return r.name === 'contrat' ? formatHash({ ...r, screen: screenId === DEFAULT_SCREEN ? undefined : screenId }) : '#/';
    },
    [],
  );
  const closeDoc = useCallback(() => navigate({ name: 'start' }), [navigate]);

  // Application-level menu commands; the contrat screen registers its own (undo, rename…) on top.
  useEffect(() => {
    const s = shell();
    const off = onMenu((cmd) => {
      switch (cmd) {
        case 'new':
          if (s && doc) return true; // the shell opens a new window for that
          navigate({ name: 'new' });
          return true;
        case 'open':
          void chooseOpen();
          return true;
        case 'open-demo':
          void createDemo();
          return true;
        case 'import-json':
          setImporting(true);
          return true;
        case 'about':
          setAbout(true);
          return true;
      }
      return false;
    });
    const unsubscribe = s?.onMenuCommand((cmd) => void dispatchMenu(cmd));
    return () => {
      off();
      unsubscribe?.();
    };
  }, [doc, navigate, chooseOpen, createDemo]);

  if (fatal) {
    return (
      <main className="page fatal">
        <h1>Trame ne peut pas démarrer</h1>
        <p role="alert">{fatal}</p>
      </main>
    );
  }
  if (!info) {
    return (
      <main className="page loading" aria-busy="true">
        <h1>Trame</h1>
        <p role="status">Chargement…</p>
      </main>
    );
  }

  let screen;
  if (route.name === 'salle') {
    // The projector's page: no header, no dialog, no release of the contrat (the facilitator's page holds it).
    return (
      <LargeTextContext.Provider value={largeText}>
        <AudienceView path={route.path} />
      </LargeTextContext.Provider>
    );
  } else if (route.name === 'new') {
    screen = <NewContratForm info={info} onCreated={showDoc} onCancel={() => navigate({ name: 'start' })} />;
  } else if (route.name === 'contrat' && doc && doc.path === route.path) {
    screen = (
      <DocShell
        key={doc.docId}
        doc={doc}
        screen={route.screen}
        selection={route.sel}
        hrefFor={hrefFor}
        onScreenChange={onScreenChange}
        onSelectionChange={onSelectionChange}
        onClose={closeDoc}
        onDocChange={changeDoc}
        onOpenDoc={showOpened}
      />
    );
  } else if (route.name === 'contrat') {
    screen = (
      <main className="page loading" aria-busy="true">
        <h1>Ouverture du contrat…</h1>
        <p role="status">{route.path}</p>
      </main>
    );
  } else {
    screen = (
      <StartScreen
        info={info}
        error={error}
        onDismissError={() => setError(null)}
        onNew={() => navigate({ name: 'new' })}
        onOpenPath={openPath}
        onChooseOpen={() => void chooseOpen()}
        onDemo={() => void createDemo()}
        onImport={() => setImporting(true)}
        busy={busy}
      />
    );
  }

  return (
    <LargeTextContext.Provider value={largeText}>
      {screen}
      {importing && (
        <ImportDialog
          info={info}
          onCancel={() => setImporting(false)}
          onImported={(d) => {
            setImporting(false);
            const s = shell();
            if (s && doc) void s.openInWindow(d.path);
            else showOpened(d);
          }}
        />
      )}
      {info.userName === null && <NameDialog onDone={setInfo} />}
      {about && (
        <Modal title="À propos de Trame" onCancel={() => setAbout(false)}>
          <p>
            Trame {info.version} — reconstruire le pilier emploi d’un contrat de ville : enjeux, objectifs, actions et
            indicateurs de suivi.
          </p>
          <div className="actions">
            <button type="button" className="btn btn-primary" autoFocus onClick={() => setAbout(false)}>
              Fermer
            </button>
          </div>
        </Modal>
      )}
    </LargeTextContext.Provider>
  );
}
