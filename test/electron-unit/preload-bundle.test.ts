// The preload as shipped (esbuild bundle, as build/scripts/build-node.mjs makes it), run the way a sandboxed
// renderer runs it: wrapped in Electron's preload function, in a fresh context, where `require` only knows
// 'electron'. Catches a bundle that needs a Node module the sandbox does not have.
import path from 'node:path';
import { createContext, Script } from 'node:vm';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../core/api/contract';

const root = path.resolve(__dirname, '..', '..');

async function bundlePreload(): Promise<string> {
  const out = await build({
    absWorkingDir: root,
    entryPoints: [path.join(root, 'electron', 'preload.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['electron'],
    // As the build does: the channel names read from the registry (build/scripts/build-node.mjs).
    define: { __TRAME_API_CHANNELS__: JSON.stringify(CHANNELS) },
    write: false,
    logLevel: 'silent',
  });
  return out.outputFiles[0].text;
}

describe('preload bundle in a sandbox-like context', () => {
  it('requires nothing but electron, stays small, and exposes the two bridges', async () => {
    const code = await bundlePreload();
    // zod and the schemas stay in the main process: the preload only needs channel names.
    expect(code.length).toBeLessThan(20_000);
    for (const c of CHANNELS) expect(code).toContain(JSON.stringify(c));

    const required: string[] = [];
    const exposed: Record<string, unknown> = {};
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
      ipcRenderer: { invoke: async () => null, send() {}, on() {}, removeListener() {} },
    };
    const sandboxRequire = (name: string): unknown => {
      required.push(name);
      if (name === 'electron') return electron;
      throw new Error(`A sandboxed preload cannot require ${name}.`);
    };
    const wrapper = new Script(`(function(require, process, Buffer, global, setImmediate, clearImmediate, exports, module) {\n${code}\n})`);
    const fn = wrapper.runInContext(createContext({})) as (...args: unknown[]) => void;
    const module = { exports: {} };
    fn(sandboxRequire, {}, undefined, {}, undefined, undefined, module.exports, module);

    expect([...new Set(required)]).toEqual(['electron']);
    expect(Object.keys(exposed).sort()).toEqual(['trame', 'trameShell']);
  });

  it('decodes an answer sent as the bytes of its JSON (the handlers on their own thread), made in another realm', async () => {
    const code = await bundlePreload();
    const exposed: Record<string, any> = {};
    const answer = { ok: true, value: { nodes: [{ id: 'n1', title: 'Accès à l’emploi — « QPV »' }] } };
    // As the page's process has it: TextDecoder; the bytes come from outside the preload's context.
    const bytes = new TextEncoder().encode(JSON.stringify(answer));
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
      ipcRenderer: { invoke: async () => bytes, send() {}, on() {}, removeListener() {} },
    };
    const wrapper = new Script(`(function(require, process, Buffer, global, setImmediate, clearImmediate, exports, module) {\n${code}\n})`);
    const fn = wrapper.runInContext(createContext({ TextDecoder })) as (...args: unknown[]) => void;
    const module = { exports: {} };
    fn((name: string) => (name === 'electron' ? electron : undefined), {}, undefined, {}, undefined, undefined, module.exports, module);
    expect(JSON.parse(JSON.stringify(await exposed.trame.invoke('tree.get', { docId: 'd' })))).toEqual(answer);
  });
});
