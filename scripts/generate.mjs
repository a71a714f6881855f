// `npm run generate`: rewrites what is derived from the TypeBox models and the CLI's options table: grader/*.schema.json,
// and the command and option tables in README.md and docs/batch.md. A test fails when any of them drifts.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = await build({
  stdin: {
    contents: "export * from './grader/spec/schemas.ts'; export * from './grader/cli/docs.ts';",
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'node',
  packages: 'external',
  absWorkingDir: root,
});
// Inside node_modules so that the bundle's bare imports resolve; .cache may not exist yet in a fresh clone.
mkdirSync(`${root}node_modules/.cache`, { recursive: true });
const file = `${root}node_modules/.cache/tfgrade-generate-${process.pid}.mjs`;
writeFileSync(file, out.outputFiles[0].text);
const { SHIPPED_SCHEMAS, schemaText, GENERATED, withTables } = await import(file);
unlinkSync(file);
for (const [name, schema] of Object.entries(SHIPPED_SCHEMAS)) {
  writeFileSync(`${root}grader/${name}`, schemaText(schema));
  console.log(`wrote grader/${name}`);
}
for (const doc of new Set(GENERATED.map((g) => g.file))) {
  const path = `${root}${doc}`;
  const before = readFileSync(path, 'utf8');
  const after = withTables(before, doc);
  if (after !== before) writeFileSync(path, after);
  console.log(`${after === before ? 'up to date' : 'updated'}: ${doc}`);
}
