// `grade show <id>`: the exercise prompt and, per part, the export a solution must provide.
import { listSpecFiles, loadSpecs } from '../spec/load.js';
import { checkIds } from '../engine/prepare.js';
import { CHECKS } from '../checks/registry.js';
import { feedbackOf } from '../spec/model.js';
import type { Io } from '../util/io.js';
import { plural } from '../util/plural.js';

export function showCommand({ id, json }: { id: string; json: boolean }, io: Io): number {
  const [{ spec }] = loadSpecs(io.root, io.cwd, checkIds([...listSpecFiles(io.root, io.cwd).keys()], [id]));
  if (json) {
    io.stdout.write(`${JSON.stringify(spec, null, 2)}\n`);
    return 0;
  }
  const out = [
    `# ${spec.id} — ${spec.title}`,
    ...(spec.source ? [`(${spec.source})`] : []),
    '',
    spec.prompt.trim(),
    '',
    `Answer in solutions/${spec.id}.ts with these exports:`,
    '',
  ];
  for (const p of spec.parts) {
    out.push(
      `- ${p.id}: ${p.type}   [${plural(p.points, 'pt')}, ${p.check.kind}${p.visibility === 'hidden' ? ', hidden' : feedbackOf(p) === 'on-submit' ? ', graded on submission' : ''}]`,
    );
    out.push(`  ${p.prompt.trim().replace(/\n/g, '\n  ')}`);
    for (const line of CHECKS.byKind(p.check.kind).show?.(p.check) ?? []) out.push(`    ${line}`);
  }
  out.push('', `Check your answers with: npx grade ${spec.id}`);
  io.stdout.write(`${out.join('\n')}\n`);
  return 0;
}
