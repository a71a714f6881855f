// Maps "file.ts:line:col" of the compiled solution back to the student's own source, with esbuild's source map.
import { SourceMap } from 'node:module';

/** Node applies no source maps to vm-compiled code, so the grader translates the child's positions itself. */
export function mapLocation(where: string | undefined, map: string | undefined): string | undefined {
  if (!where || !map) return where;
  const m = /^(.*):(\d+):(\d+)$/.exec(where);
  if (!m) return where;
  try {
    const entry = new SourceMap(JSON.parse(map)).findEntry(Number(m[2]) - 1, Number(m[3]) - 1) as {
      originalSource?: string;
      originalLine?: number;
      originalColumn?: number;
    };
    if (entry.originalLine === undefined || entry.originalColumn === undefined || !entry.originalSource) return where;
    const file = entry.originalSource.replace(/^.*[\\/]/, '');
    return `${file}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  } catch {
    return where; // a map we cannot read: the compiled position is still better than none
  }
}
