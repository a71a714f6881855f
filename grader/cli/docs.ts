// The README's command table and the option tables of `grade` and `grade batch`, rendered from the one options table
// (test/cli/docs-tables.test.ts compares them with README.md and docs/batch.md; `npm run generate` rewrites them).
import { optionsOf, type OptionDef } from './options.js';
import { COMMANDS, commandNamed } from './commands.js';

const cell = (s: string): string => s.replace(/\|/g, '\\|');

export function commandsTable(): string {
  const rows = COMMANDS.map((c) => `| \`${cell(c.usage)}\` | ${c.doc} |`);
  return ['| command | what it does |', '|---|---|', ...rows].join('\n');
}

/** `-s, --submission <folder>`, `-b, --backend auto|tensorflow|wasm|cpu`, `--no-cache`. */
function optionUsage(name: string, o: OptionDef): string {
  const flag = o.type === 'boolean' && o.default === true ? `--no-${name}` : `--${name}`;
  const value = o.choices ? ` ${o.choices.join('|')}` : o.placeholder ? ` ${o.placeholder}` : '';
  return `${o.alias ? `-${o.alias}, ` : ''}${flag}${value}`;
}

function defaultOf(o: OptionDef): string {
  if (o.defaultDoc) return o.defaultDoc;
  // A boolean on by default is shown as its --no- flag, which is off by default too.
  if (o.type === 'boolean') return 'off';
  return o.default !== undefined ? `\`${o.default}\`` : '';
}

/** `command`'s positionals and options: option | default | meaning. */
export function optionsTable(command: string): string {
  const cmd = commandNamed(command);
  if (!cmd) throw new Error(`no command ${command}`);
  const rows = [
    ...Object.entries(cmd.positionals ?? {})
      .filter(([, p]) => p.required)
      .map(([name, p]) => `| \`<${name}>\` | (required) | ${p.doc} |`),
    ...optionsOf(cmd).map(
      ([name, o]) =>
        `| \`${cell(optionUsage(name, o))}\` | ${defaultOf(o)} | ${o.default === true && o.negatedDoc ? o.negatedDoc : o.doc} |`,
    ),
  ];
  return ['| option | default | meaning |', '|---|---|---|', ...rows].join('\n');
}

/** Where each generated table lives: between `<!-- cli:<name> -->` and `<!-- /cli:<name> -->`. */
export const GENERATED: { file: string; name: string; render: () => string }[] = [
  { file: 'README.md', name: 'commands', render: commandsTable },
  { file: 'README.md', name: 'grade-options', render: () => optionsTable('grade') },
  { file: 'docs/batch.md', name: 'batch-options', render: () => optionsTable('batch') },
  { file: 'docs/batch.md', name: 'review-options', render: () => optionsTable('review') },
  { file: 'docs/batch.md', name: 'similarity-options', render: () => optionsTable('similarity') },
  { file: 'docs/lms.md', name: 'publish-options', render: () => optionsTable('publish') },
];

/** `text` with each generated block replaced by its current rendering. */
export function withTables(text: string, file: string): string {
  let out = text;
  for (const g of GENERATED.filter((x) => x.file === file)) {
    const re = new RegExp(`(<!-- cli:${g.name} -->\\n)[\\s\\S]*?(\\n<!-- /cli:${g.name} -->)`);
    if (!re.test(out)) throw new Error(`${file} has no <!-- cli:${g.name} --> block`);
    out = out.replace(re, (_m, open: string, close: string) => `${open}${g.render()}${close}`);
  }
  return out;
}
