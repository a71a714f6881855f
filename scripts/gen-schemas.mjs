// Regenerates grader/*.schema.json from the TypeBox models (the one source); a test fails when they drift.
import { build } from 'esbuild';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = await build({
  entryPoints: ['grader/spec/schemas.ts'], bundle: true, write: false, format: 'esm', platform: 'node',
  packages: 'external', absWorkingDir: root, outdir: 'node_modules/.cache/tfgrade',
});
const file = `${root}node_modules/.cache/tfgrade/schemas-${process.pid}.mjs`;
writeFileSync(file, out.outputFiles[0].text);
const { SHIPPED_SCHEMAS, schemaText } = await import(file);
import { unlinkSync } from 'node:fs';
unlinkSync(file);
for (const [name, schema] of Object.entries(SHIPPED_SCHEMAS)) {
  writeFileSync(`${root}grader/${name}`, schemaText(schema));
  console.log(`wrote grader/${name}`);
}
