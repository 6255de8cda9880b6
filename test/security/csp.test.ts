// The policies the page runs under: the <meta> of the BUILT index.html, the Electron header (electron/csp.ts)
// and the HTTP harness header. All three: scripts from the bundle only, no eval, no objects, no <base>, no remote origin.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/csp';
import { CSP as HARNESS_CSP } from '../../core/server/http';

const built = path.resolve(__dirname, '../../dist/renderer/index.html');

function directives(policy: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of policy.split(';').map((p) => p.trim()).filter(Boolean)) {
    const [name, ...values] = part.split(/\s+/);
    expect(out.has(name), `directive en double : ${name}`).toBe(false);
    out.set(name, values);
  }
  return out;
}

function metaPolicy(html: string): string {
  const m = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html);
  if (!m) throw new Error('index.html construit sans CSP <meta>');
  return m[1];
}

describe('Content-Security-Policy', () => {
  it('the built index.html exists (npm test builds it first)', () => {
    expect(existsSync(built), 'dist/renderer/index.html absent : lancez « npm run build »').toBe(true);
  });

  const policies = (): [string, string][] => [
    ['index.html construit', metaPolicy(readFileSync(built, 'utf8'))],
    ['en-tête Electron', CONTENT_SECURITY_POLICY],
    ['en-tête du banc HTTP', HARNESS_CSP],
  ];

  it('every policy is strict', () => {
    for (const [name, policy] of policies()) {
      const d = directives(policy);
      const fallback = d.get('default-src') ?? [];
      expect(["'self'", "'none'"], name).toContain(fallback[0]);
      expect(d.get('script-src'), name).toEqual(["'self'"]);
      expect(d.get('object-src'), name).toEqual(["'none'"]);
      expect(d.get('base-uri'), name).toEqual(["'none'"]);
      expect(d.get('form-action'), name).toEqual(["'none'"]);
      expect(policy, name).not.toMatch(/unsafe-eval|https?:|\*/);
    }
  });

  it('the built page has no inline script and loads only its own bundle', () => {
    const html = readFileSync(built, 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(body.trim(), 'script en ligne').toBe('');
      expect(attrs).toMatch(/src="\.\/assets\/[^"]+\.js"/);
    }
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });
});
