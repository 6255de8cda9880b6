// Runs dependency-cruiser with the project's rules (.dependency-cruiser.cjs) over a tree of folders, and derives the
// graph of features from its answer. Shared by the check on the real tree and by its negative controls.
import { createRequire } from 'node:module';
import path from 'node:path';
import { cruise, type ICruiseResult, type IForbiddenRuleType } from 'dependency-cruiser';

export const ROOT = path.resolve(__dirname, '../..');
export const SOURCE_FOLDERS = ['core', 'db', 'electron', 'renderer'];

const config = createRequire(__filename)(path.join(ROOT, '.dependency-cruiser.cjs')) as {
  forbidden: IForbiddenRuleType[];
  options: Record<string, unknown>;
};
export const RULE_NAMES = config.forbidden.map((r) => r.name!);

export interface Violation { rule: string; from: string; to: string; via?: string[] }
export interface Cruise {
  /** Every module cruised (paths relative to the base folder, forward slashes). */
  modules: string[];
  violations: Violation[];
  /** Feature-level cycles, each as a list of features (`core/tree`, `renderer/files`…), first repeated at the end. */
  featureCycles: string[][];
}

/** Cruises `folders` of `baseDir` (every one must exist) with the project's rules. */
export async function cruiseTree(baseDir: string, folders = SOURCE_FOLDERS): Promise<Cruise> {
  const result = await cruise(folders, {
    ...config.options,
    baseDir,
    validate: true,
    ruleSet: { forbidden: config.forbidden },
    outputType: 'json',
  } as never);
  const output = (typeof result.output === 'string' ? JSON.parse(result.output) : result.output) as ICruiseResult;
  const violations = output.summary.violations.map((v) => ({
    rule: v.rule.name,
    from: v.from,
    to: v.to,
    ...(v.via ? { via: v.via.map((x) => (typeof x === 'string' ? x : x.name)) } : {}),
  }));
  const modules = output.modules.filter((m) => !m.coreModule && !m.source.includes('node_modules/')).map((m) => m.source);
  return { modules, violations, featureCycles: featureCycles(output) };
}

const FEATURE = /^(core|renderer)\/features\/([^/]+)\//;
const featureOf = (file: string): string | null => {
  const m = FEATURE.exec(file);
  return m ? `${m[1]}/${m[2]}` : null;
};

/** The graph of features (an edge when any module of one imports any module of another), and its cycles. */
function featureCycles(output: ICruiseResult): string[][] {
  const edges = new Map<string, Set<string>>();
  for (const m of output.modules) {
    const from = featureOf(m.source);
    if (!from) continue;
    for (const d of m.dependencies) {
      const to = featureOf(d.resolved);
      if (to && to !== from) {
        if (!edges.has(from)) edges.set(from, new Set());
        edges.get(from)!.add(to);
      }
    }
  }
  const cycles: string[][] = [];
  const seen = new Set<string>();
  // Depth-first search; a back edge to a feature on the current path closes a cycle. Each cycle is reported once,
  // rotated to start at its smallest name.
  const visit = (node: string, stack: string[]): void => {
    const at = stack.indexOf(node);
    if (at >= 0) {
      const cycle = stack.slice(at);
      const start = cycle.indexOf([...cycle].sort()[0]);
      const rotated = [...cycle.slice(start), ...cycle.slice(0, start)];
      const key = rotated.join('>');
      if (!cycles.some((c) => c.slice(0, -1).join('>') === key)) cycles.push([...rotated, rotated[0]]);
      return;
    }
    if (seen.has(node)) return;
    stack.push(node);
    for (const next of [...(edges.get(node) ?? [])].sort()) visit(next, stack);
    stack.pop();
    seen.add(node);
  };
  for (const node of [...edges.keys()].sort()) visit(node, []);
  return cycles;
}
