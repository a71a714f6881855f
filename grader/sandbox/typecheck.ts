// Type-checks the solutions of a run against each part's declared type, statically, with one TypeScript program.
import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, sep } from 'node:path';
import { Worker } from 'node:worker_threads';
import type * as TS from 'typescript';
import type { TypeDiagnostic } from '../model/report.js';

/** What the contract of one exercise needs of its spec: the export names, their declared types, value or call. */
export interface ContractPart {
  id: string;
  type: string;
  mode: 'value' | 'call';
  /** What the part's check kind accepts beyond the declared type (its `form`): the contract widens to match. */
  form?: { numberStrings?: boolean; tensorsForArrays?: boolean };
}
export interface ContractExercise {
  id: string;
  parts: ContractPart[];
}

/** The globals a solution may use in the sandbox besides ES2022's (console prints into the report). */
const GLOBALS = `declare interface Console { log(...data: unknown[]): void; error(...data: unknown[]): void; warn(...data: unknown[]): void; info(...data: unknown[]): void; debug(...data: unknown[]): void; table(data: unknown): void }
declare var console: Console;
declare function setTimeout(handler: (...args: unknown[]) => void, ms?: number): number;
declare function clearTimeout(id: number | undefined): void;
declare var performance: { now(): number };
`;
const GLOBALS_FILE = '__tfgrade_globals__.d.ts';

/** The contract files live beside the solutions under a name no student file can take (ids are kebab-case). */
const contractFile = (id: string): string => `__tfgrade_contract__${id}.ts`;
/** Diagnostics kept per file: a file that does not type-check at all should not bury the report. */
const MAX_PER_FILE = 20;
const MISSING_PROPERTY = 2339;

/**
 * The contract of one exercise as TypeScript: each export assigned to a variable of its declared type. A value part
 * may still be null (the starter's TODO), which the grader reports as not implemented, not as a type error.
 */
export function contractSource(ex: ContractExercise): string {
  const lines = ["import type * as tf from '@tensorflow/tfjs';", `import * as S from './${ex.id}';`];
  for (const p of ex.parts) {
    const declared = widened(p);
    const type = p.mode === 'value' ? `(${declared}) | null` : declared;
    lines.push(`export const ${p.id}: ${type} = S.${p.id};`);
  }
  // After the parts: toDiagnostic finds a part by its line (line 3 is the first part).
  return `${[...lines, ...WIDEN_TYPES].join('\n')}\n`;
}

/**
 * The declared type as the check accepts it: a behavior check takes a tensor for a number array (at any depth, in a
 * function's result too), a numeric check a string such as '1e-3' for a number, exactly as checks/declared-type.ts does
 * at run time, so a correct answer is never a type error.
 */
function widened(p: ContractPart): string {
  let type = p.type;
  if (p.form?.tensorsForArrays) type = `Widened<${type}, NumberArray, tf.Tensor>`;
  if (p.form?.numberStrings) type = `Widened<${type}, number, string>`;
  return type;
}
// One distributive conditional type: every `From` inside T (at any depth, a function's result too) may also be a `To`;
// a tensor is kept whole (mapping its methods would be slow).
const WIDEN_TYPES = [
  'type NumberArray = readonly (number | NumberArray)[];',
  'type Widened<T, From, To> = T extends tf.Tensor ? T : T extends (...a: infer A) => infer R ? (...a: A) => Widened<R, From, To>',
  '  : T extends From ? T | To : T extends object ? { [K in keyof T]: Widened<T[K], From, To> } : T;',
];

const OPTIONS = (ts: typeof TS): TS.CompilerOptions => ({
  // No lib.dom (1.8 MB, more than all of tfjs' declarations): the sandbox has no DOM, and GLOBALS declares what it has.
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  types: [],
  lib: ['lib.es2022.d.ts'],
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  allowImportingTsExtensions: true,
  noResolve: false,
  esModuleInterop: true,
});

/** What the thread of typeCheckInThread is given. */
export interface TypeCheckJob {
  jobDir: string;
  nodeModules: string;
  exercises: ContractExercise[];
}

/**
 * typeCheck in a worker thread (dist/typecheck.mjs): a program over tfjs' 650 declaration files takes seconds of CPU,
 * which must neither block the event loop (a batch's other sandboxes time their parts with it) nor wait for the
 * sandbox, so it runs beside the grading.
 */
export function typeCheckInThread(script: string, job: TypeCheckJob): Promise<Map<string, TypeDiagnostic[]>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData: job });
    worker.once('message', (m: [string, TypeDiagnostic[]][]) => resolve(new Map(m)));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the type-checker thread exited with code ${code}`)));
  });
}

/**
 * Diagnostics per exercise id, for the exercises whose solution file exists. `jobDir`: the job copy of the submission;
 * `nodeModules`: where tfjs' and TypeScript's declarations are. The compiler reads only those two trees: a solution
 * that imports `/course/reference/p3` gets "cannot find module", never a type of the reference in a message.
 */
export function typeCheck(
  jobDir: string,
  nodeModules: string,
  exercises: ContractExercise[],
): Map<string, TypeDiagnostic[]> {
  // require, not import(): Node's ESM loader scans a CommonJS file for its export names, 1-3 s on TypeScript's 9 MB.
  const ts = createRequire(import.meta.url)('typescript') as typeof TS;
  const options = OPTIONS(ts);
  const job = realpathSync(jobDir);
  const modules = realpathSync(nodeModules);
  const allowed = (f: string): boolean =>
    [job, jobDir, modules, nodeModules].some((root) => f === root || f.startsWith(root + sep));
  const contracts = new Map(exercises.map((ex) => [join(job, contractFile(ex.id)), contractSource(ex)]));
  contracts.set(join(job, GLOBALS_FILE), GLOBALS);
  const host = ts.createCompilerHost(options);
  const base = {
    fileExists: host.fileExists,
    readFile: host.readFile,
    getSourceFile: host.getSourceFile,
    directoryExists: host.directoryExists,
  };
  host.fileExists = (f) => contracts.has(f) || (allowed(f) && base.fileExists.call(host, f));
  host.readFile = (f) => contracts.get(f) ?? (allowed(f) ? base.readFile.call(host, f) : undefined);
  host.directoryExists = (d) => allowed(d) && (base.directoryExists?.call(host, d) ?? true);
  // JSDoc in a .ts or .d.ts file types nothing; tfjs' declarations are mostly JSDoc.
  host.jsDocParsingMode = ts.JSDocParsingMode.ParseForTypeErrors;
  host.getSourceFile = (f, lang, onError) => {
    const text = contracts.get(f);
    if (text !== undefined) return ts.createSourceFile(f, text, lang);
    return allowed(f) ? base.getSourceFile.call(host, f, lang, onError) : undefined;
  };
  host.getDefaultLibLocation = () => join(modules, 'typescript', 'lib');
  // tfjs resolves as from the course (the job copy sits in a temporary folder with no node_modules above it).
  const anchor = join(modules, '..', 'index.ts');
  host.resolveModuleNameLiterals = (literals, containing) =>
    literals.map((l) => {
      const from = containing.startsWith(modules + sep) || /^\.\.?\//.test(l.text) ? containing : anchor;
      const r = ts.resolveModuleName(l.text, from, options, host).resolvedModule;
      return { resolvedModule: r && allowed(r.resolvedFileName) ? r : undefined };
    });
  const roots = exercises.map((ex) => join(job, `${ex.id}.ts`)).filter((f) => host.fileExists(f));
  const program = ts.createProgram(
    [join(job, GLOBALS_FILE), ...roots, ...roots.map((f) => join(job, contractFile(f.slice(job.length + 1, -3))))],
    options,
    host,
  );
  const out = new Map<string, TypeDiagnostic[]>();
  for (const f of roots) {
    const id = f.slice(job.length + 1, -3);
    const diags = [
      ...program.getSyntacticDiagnostics(program.getSourceFile(f)),
      ...program.getSemanticDiagnostics(program.getSourceFile(f)),
      // A missing export (TS2339 on S.<part>) is the grader's own missing-export status already.
      ...program
        .getSemanticDiagnostics(program.getSourceFile(join(job, contractFile(id))))
        .filter((d) => d.code !== MISSING_PROPERTY),
    ];
    out.set(
      id,
      diags.slice(0, MAX_PER_FILE).map((d) => toDiagnostic(ts, d, program, job, exercises.find((e) => e.id === id)!)),
    );
  }
  return out;
}

/** A contract diagnostic is reported at the student's own export, and names the part; flattened to one line. */
function toDiagnostic(
  ts: typeof TS,
  d: TS.Diagnostic,
  program: TS.Program,
  job: string,
  ex: ContractExercise,
): TypeDiagnostic {
  const message = ts.flattenDiagnosticMessageText(d.messageText, ' ').replace(/\s+/g, ' ').trim();
  const file = d.file;
  if (!file || d.start === undefined) return { file: `${ex.id}.ts`, line: 1, col: 1, code: d.code, message };
  const inContract = file.fileName.endsWith(contractFile(ex.id));
  if (inContract) {
    const line = file.getLineAndCharacterOfPosition(d.start).line;
    const part = ex.parts[line - 2];
    const at = part ? exportPosition(ts, program, join(job, `${ex.id}.ts`), part.id) : undefined;
    const said = part ? `${part.id} does not match its declared type ${part.type}: ${message}` : message;
    return {
      file: `${ex.id}.ts`,
      line: at?.line ?? 1,
      col: at?.col ?? 1,
      code: d.code,
      message: said,
      ...(part ? { part: part.id } : {}),
    };
  }
  const { line, character } = file.getLineAndCharacterOfPosition(d.start);
  const part = partAround(ts, file, d.start, ex);
  return {
    file: file.fileName.slice(job.length + 1),
    line: line + 1,
    col: character + 1,
    code: d.code,
    message,
    ...(part ? { part } : {}),
  };
}

/** Where the solution declares an export (its name), 1-based. */
function exportPosition(
  ts: typeof TS,
  program: TS.Program,
  file: string,
  name: string,
): { line: number; col: number } | undefined {
  const sf = program.getSourceFile(file);
  if (!sf) return undefined;
  const sym = program.getTypeChecker().getSymbolAtLocation(sf);
  const decl = sym?.exports?.get(ts.escapeLeadingUnderscores(name))?.declarations?.[0];
  if (!decl) return undefined;
  const named = (decl as TS.NamedDeclaration).name ?? decl;
  const { line, character } = sf.getLineAndCharacterOfPosition(named.getStart(sf));
  return { line: line + 1, col: character + 1 };
}

/** The part whose top-level declaration holds a position, if any (a helper's error belongs to no part). */
function partAround(ts: typeof TS, sf: TS.SourceFile, pos: number, ex: ContractExercise): string | undefined {
  for (const st of sf.statements) {
    if (pos < st.getStart(sf) || pos >= st.end) continue;
    const names =
      ts.isFunctionDeclaration(st) && st.name
        ? [st.name.text]
        : ts.isVariableStatement(st)
          ? st.declarationList.declarations.map((d) => (ts.isIdentifier(d.name) ? d.name.text : ''))
          : [];
    return ex.parts.find((p) => names.includes(p.id))?.id;
  }
  return undefined;
}
