// The bundled CLI validates specs with code ajv generated at build time; it must find exactly what the source finds.
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSpec } from '../../grader/spec/load.js';
import { ROOT, runCli } from '../helpers/cli.js';

const course = mkdtempSync(join(tmpdir(), 'tfgrade-course-'));
afterAll(() => rmSync(course, { recursive: true, force: true }));

describe('spec errors from the bundled CLI', () => {
  it('the precompiled validator reports the same problems as ajv compiling the TypeBox schema', async () => {
    for (const d of ['bin', 'dist', 'exercises', 'reference'])
      cpSync(join(ROOT, d), join(course, d), { recursive: true });
    cpSync(join(ROOT, 'package.json'), join(course, 'package.json'));
    symlinkSync(join(ROOT, 'node_modules'), join(course, 'node_modules'), 'dir');
    const broken = readFileSync(join(ROOT, 'exercises', 'he-init.yaml'), 'utf8')
      .replace('rtol: 1.0e-6, atol: 1.0e-9, why: closed form', 'rtol: -1, atol: 1.0e-9, why: closed form')
      .replace('    mode: value\n', '    mode: read\n    pionts: 3\n')
      .replace('kind: statistical', 'kind: statistic');
    writeFileSync(join(course, 'exercises', 'he-init.yaml'), broken);
    const fromSource = parseSpec(broken, 'he-init.yaml', 'exercises/he-init.yaml').problems;
    expect(fromSource.length).toBeGreaterThanOrEqual(3);

    const r = await runCli(['validate'], { cwd: course, bin: join(course, 'bin', 'grade.js') });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error[SPEC_INVALID]');
    for (const p of fromSource) {
      expect(r.stderr).toContain(p.path);
      expect(r.stderr).toContain(p.message);
    }
  });
});
