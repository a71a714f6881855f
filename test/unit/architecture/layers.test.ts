// Layering that holds: each folder of grader/ imports only the folders below it (docs/architecture.md), the sandbox's
// two sides share only the protocol, and no file imports itself through a circle.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers/cli.js';

const GRADER = join(ROOT, 'grader');

/** Who may import whom: product code never imports scripts/ (the build imports the product, not the reverse). */
const ALLOWED: Record<string, string[]> = {
  util: [],
  model: ['util'],
  math: ['model', 'util'],
  protocol: ['model', 'util'],
  tf: ['model', 'util'],
  checks: ['math', 'model', 'util'],
  spec: ['checks', 'model', 'util'],
  report: ['model', 'util'],
  // Pure text processing (tokens, fingerprints, pairs): nothing of the grader's but util/, which imports nothing.
  similarity: ['util'],
  // Student files: the one safe zip reader, the one copier (staging an upload, the job folder), the one solution root.
  uploads: ['model', 'util'],
  // The two sides of the sandbox boundary: the child (runtime) and the grader's side (sandbox) meet only in protocol/.
  runtime: ['protocol', 'tf', 'model', 'util'],
  sandbox: ['protocol', 'uploads', 'model', 'util'],
  engine: ['sandbox', 'spec', 'checks', 'tf', 'protocol', 'math', 'model', 'util'],
  // Batch input layouts (per-student folders, a Canvas download, a Gradescope export) and the file name of a student.
  layouts: ['uploads', 'model', 'util'],
  // TA decisions: reviews.json, the review loop, its CSV.
  review: ['engine', 'report', 'spec', 'model', 'util'],
  // The class's outputs beside report/: the batch output folder, summary, gradebook, HTML, the class's similarity.
  'class-report': ['review', 'report', 'similarity', 'uploads', 'spec', 'model', 'util'],
  // The pool of one-submission gradings: only the engine and the uploads it stages.
  batch: ['engine', 'uploads', 'spec', 'model', 'util'],
  bundle: ['spec', 'engine', 'checks', 'uploads', 'model', 'util'],
  // The LMS side: rosters, the files and requests LMSs accept, posting with retries. Reads batch folders, never grades.
  lms: ['report', 'model', 'util'],
  commands: [
    'lms',
    'batch',
    'class-report',
    'review',
    'layouts',
    'uploads',
    'bundle',
    'engine',
    'sandbox',
    'spec',
    'checks',
    'report',
    'model',
    'util',
  ],
  cli: ['commands', 'engine', 'sandbox', 'spec', 'report', 'model', 'util'],
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Relative imports of a file (static, type-only, re-exports and dynamic), resolved to files. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)].map((m) => m[1]);
  return specs.map((s) => resolve(dirname(file), s).replace(/\.js$/, '.ts'));
}

const layerOf = (file: string): string => {
  const rel = relative(ROOT, file).split(sep);
  return rel[0] === 'grader' ? rel[1] : rel[0];
};

const FILES = sources(GRADER);
const GRAPH = new Map(FILES.map((f) => [f, importsOf(f)]));

describe('layers', () => {
  it('every folder of grader/ has a place in the layering', () => {
    const folders = readdirSync(GRADER, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    expect(folders).toEqual(Object.keys(ALLOWED).sort());
  });

  it.each(Object.keys(ALLOWED))('grader/%s/ imports only the layers below it', (layer) => {
    const bad: string[] = [];
    for (const [file, deps] of GRAPH) {
      if (layerOf(file) !== layer) continue;
      for (const dep of deps) {
        const to = layerOf(dep);
        if (to !== layer && !ALLOWED[layer].includes(to)) bad.push(`${relative(ROOT, file)} -> ${relative(ROOT, dep)}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('no import circles between files', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const walk = (file: string, path: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...path.slice(path.indexOf(file)), file].map((f) => relative(GRADER, f)).join(' -> '));
        return;
      }
      state.set(file, 'open');
      for (const dep of GRAPH.get(file) ?? []) if (GRAPH.has(dep)) walk(dep, [...path, file]);
      state.set(file, 'done');
    };
    for (const f of FILES) walk(f, []);
    expect(cycles).toEqual([]);
  });
});
