// `grade list`: every exercise with its parts and points.
import { loadSpecs } from '../spec/load.js';
import { maxScoreOf } from '../spec/model.js';
import type { Io } from '../util/io.js';

export function listCommand({ json }: { json: boolean }, io: Io): number {
  const specs = loadSpecs(io.root, io.cwd).map(({ spec }) => ({
    id: spec.id,
    title: spec.title,
    parts: spec.parts.length,
    points: maxScoreOf(spec),
  }));
  if (json) {
    io.stdout.write(`${JSON.stringify(specs, null, 2)}\n`);
    return 0;
  }
  const w = Math.max(...specs.map((s) => s.id.length));
  for (const s of specs)
    io.stdout.write(
      `${s.id.padEnd(w)}  ${String(s.points).padStart(3)} pts  ${s.parts} part${s.parts === 1 ? ' ' : 's'}  ${s.title}\n`,
    );
  io.stdout.write(
    `\n${specs.length} exercises · grade one with: npx grade <id>   · read one with: npx grade show <id>\n`,
  );
  return 0;
}
