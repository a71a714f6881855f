// Error tiers with stable codes: usage and spec errors exit 2, internal errors say they are grader bugs.
export type ErrorCode =
  | 'USAGE'
  | 'UNKNOWN_EXERCISE'
  | 'SUBMISSION_NOT_FOUND'
  | 'SPEC_INVALID'
  | 'REFERENCE_INVALID'
  | 'BACKEND_UNAVAILABLE'
  | 'BACKEND_UNSAFE'
  | 'SANDBOX_UNAVAILABLE'
  | 'REVIEWS_INVALID'
  | 'KIT_INVALID'
  | 'ROSTER_INVALID'
  | 'DEPENDENCIES_MISSING'
  | 'INTERNAL';

export interface SpecProblem {
  file: string;
  path: string;
  message: string;
  fix?: string;
}

export class TfgradeError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly hint?: string,
    readonly problems: SpecProblem[] = [],
  ) {
    super(message);
    this.name = 'TfgradeError';
  }

  /** 2 for anything the user can fix by changing the command or the course files; 3 for grader bugs. */
  get exitCode(): number {
    return this.code === 'INTERNAL' ? 3 : 2;
  }
}

export function formatProblems(problems: SpecProblem[]): string {
  return problems
    .map((p) => `  ${p.file}${p.path ? ` at ${p.path}` : ''}: ${p.message}${p.fix ? `\n    fix: ${p.fix}` : ''}`)
    .join('\n');
}

/**
 * A package the grader imports is not installed (`npm ci` never ran in the folder): the user's to fix, not a bug. Node
 * says so with ERR_MODULE_NOT_FOUND and "Cannot find package"; a missing file of our own is a bug and stays one.
 */
export function missingDependency(e: unknown, root: string): TfgradeError | undefined {
  const err = e as { code?: string; message?: string } | undefined;
  const pkg =
    err?.code === 'ERR_MODULE_NOT_FOUND' ? /Cannot find package '([^']+)'/.exec(String(err.message))?.[1] : undefined;
  if (!pkg) return undefined;
  return new TfgradeError(
    'DEPENDENCIES_MISSING',
    `${pkg} is not installed`,
    `run \`npm ci\` in ${root} first (once; see its README.md)`,
  );
}

/** Closest candidates by edit distance, for "did you mean" hints. */
export function suggest(word: string, candidates: string[], max = 3): string[] {
  const dist = (a: string, b: string): number => {
    const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
    for (let j = 1; j <= b.length; j++) d[0][j] = j;
    for (let i = 1; i <= a.length; i++)
      for (let j = 1; j <= b.length; j++)
        d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    return d[a.length][b.length];
  };
  return candidates
    .map((c) => ({ c, d: dist(word, c) }))
    .filter((x) => x.d <= Math.max(2, Math.floor(word.length / 3)) || x.c.startsWith(word))
    .sort((a, b) => a.d - b.d)
    .slice(0, max)
    .map((x) => x.c);
}
