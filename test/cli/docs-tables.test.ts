// The README's and docs/batch.md's command and option tables are the parser's own table: they cannot drift apart.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GENERATED, withTables } from '../../grader/cli/docs.js';
import { OPTIONS, optionsOf } from '../../grader/cli/options.js';
import { COMMANDS } from '../../grader/cli/commands.js';
import { parser } from '../../grader/cli/main.js';
import { ROOT } from '../helpers/cli.js';

describe('CLI docs', () => {
  it.each([...new Set(GENERATED.map((g) => g.file))])(
    '%s shows the tables the parser is built from (run `npm run generate`)',
    (file) => {
      const text = readFileSync(`${ROOT}${file}`, 'utf8');
      expect(text).toBe(withTables(text, file));
    },
  );

  it.each(COMMANDS.map((c) => [c.name, c] as const))(
    '`grade %s --help` lists exactly its own options',
    async (name, cmd) => {
      let help = '';
      const argv = name === 'grade' ? ['--help'] : [name, '--help'];
      await parser(argv).parseAsync(argv, {}, (_e, _a, out) => {
        help = out;
      });
      // Option lines start with the flag ("  -s, --submission", "      --json"); descriptions may mention other flags.
      const listed = new Set([...help.matchAll(/^\s+(?:-\w, )?--(?:no-)?([a-z-]+)/gm)].map((m) => m[1]));
      for (const [option] of optionsOf(cmd)) expect(listed, `${name} --${option}`).toContain(option);
      for (const other of Object.keys(OPTIONS).filter((o) => !(o in cmd.options)))
        expect(listed, `${name} --${other}`).not.toContain(other);
    },
  );
});
