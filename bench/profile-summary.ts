/**
 * Summarizes a V8 .cpuprofile: where the busy time went, by area (project module, npm package,
 * Node internals, GC) and by function (inclusive, synchronous parts only: the sampler does not
 * follow `await`).
 *
 *   tsx bench/profile-summary.ts bench/results/prof/recordClass-1.cpuprofile
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

interface CallFrame { functionName: string; url: string; lineNumber: number }
interface ProfileNode { id: number; callFrame: CallFrame; children?: number[] }
export interface CpuProfile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

export interface ProfileSummary {
  file?: string;
  /** busy time sampled (idle excluded), ms */
  totalMs: number;
  byArea: { area: string; ms: number; share: number }[];
  selfTop: { name: string; area: string; ms: number; share: number }[];
  projectInclusive: { name: string; ms: number; share: number }[];
  libraryInclusive: { name: string; area: string; ms: number; share: number }[];
}

export function areaOf(frame: CallFrame, root: string): string {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith('(') ? functionName : '(V8 builtins / native)';
  if (url.startsWith('node:')) return 'node (internal)';
  const path = url.replace(/^file:\/\//, '');
  const pnpm = /\/node_modules\/\.pnpm\/([^/]+)\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path);
  if (pnpm) return pnpm[2];
  const plain = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path);
  if (plain) return plain[1];
  const rel = path.startsWith(root) ? path.slice(root.length + 1) : path;
  const mod = /^(api\/src\/modules\/[^/]+|api\/src\/[^/]+|packages\/[^/]+|bench)/.exec(rel);
  return mod ? mod[1].replace(/\.ts$/, '') : rel;
}

function frameName(frame: CallFrame, root: string): string {
  const path = frame.url.replace(/^file:\/\//, '');
  const rel = path.startsWith(root) ? path.slice(root.length + 1) : path.replace(/^.*\/node_modules\//, '');
  return `${frame.functionName || '(anonymous)'} ${rel ? (isProject(frame.url) || rel.startsWith('bench/') ? rel : `${rel}:${frame.lineNumber + 1}`) : ''}`.trim();
}

const isProject = (url: string) => /\/(api|packages)\/[^/]+\/src\//.test(url) || /\/api\/src\//.test(url);

export function summarizeProfile(profile: CpuProfile, root: string): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));

  let total = 0;
  const area = new Map<string, number>();
  const selfByName = new Map<string, { area: string; us: number }>();
  const inclusive = new Map<string, { area: string; project: boolean; us: number }>();
  // samples under node:inspector are the profiler's own start/stop, not the app
  const underInspector = (id: number) => {
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) if (byId.get(cur)!.callFrame.url === 'node:inspector') return true;
    return false;
  };
  for (const [id, us] of self) {
    const node = byId.get(id)!;
    if (node.callFrame.functionName === '(idle)' || underInspector(id)) continue;
    total += us;
    const a = areaOf(node.callFrame, root);
    area.set(a, (area.get(a) ?? 0) + us);
    const name = frameName(node.callFrame, root);
    const s = selfByName.get(name) ?? { area: a, us: 0 };
    s.us += us;
    selfByName.set(name, s);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const f = byId.get(cur)!.callFrame;
      if (!f.url) continue;
      const key = frameName(f, root);
      if (seen.has(key)) continue;
      seen.add(key);
      const e = inclusive.get(key) ?? { area: areaOf(f, root), project: isProject(f.url), us: 0 };
      e.us += us;
      inclusive.set(key, e);
    }
  }
  const share = (us: number) => (total ? us / total : 0);
  const sorted = <T extends { us: number }>(m: Map<string, T>) => [...m].sort((a, b) => b[1].us - a[1].us);
  return {
    totalMs: total / 1000,
    byArea: [...area].sort((a, b) => b[1] - a[1]).map(([a, us]) => ({ area: a, ms: us / 1000, share: share(us) })),
    selfTop: sorted(selfByName).slice(0, 30).map(([name, v]) => ({ name, area: v.area, ms: v.us / 1000, share: share(v.us) })),
    projectInclusive: sorted(inclusive).filter(([, v]) => v.project).slice(0, 30).map(([name, v]) => ({ name, ms: v.us / 1000, share: share(v.us) })),
    libraryInclusive: sorted(inclusive).filter(([, v]) => !v.project && v.area !== 'node (internal)').slice(0, 40).map(([name, v]) => ({ name, area: v.area, ms: v.us / 1000, share: share(v.us) })),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
  for (const file of process.argv.slice(2)) {
    const s = summarizeProfile(JSON.parse(readFileSync(file, 'utf8')), root);
    const pct = (x: number) => `${(x * 100).toFixed(1).padStart(5)} %`;
    console.log(`\n${file}: ${s.totalMs.toFixed(0)} ms busy`);
    console.log('self time by area:');
    for (const a of s.byArea.slice(0, 20)) console.log(`  ${pct(a.share)}  ${a.area}`);
    console.log('self time by function:');
    for (const f of s.selfTop.slice(0, 25)) console.log(`  ${pct(f.share)}  ${f.name}  [${f.area}]`);
    console.log('inclusive, project functions:');
    for (const f of s.projectInclusive.slice(0, 25)) console.log(`  ${pct(f.share)}  ${f.name}`);
    console.log('inclusive, library functions:');
    for (const f of s.libraryInclusive.slice(0, 40)) console.log(`  ${pct(f.share)}  ${f.name}  [${f.area}]`);
  }
}
