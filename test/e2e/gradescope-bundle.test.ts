// The Gradescope bundle end to end: build the zip, lay it out as /autograder, run run_autograder, read results.json.
import { execFile } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { gradescopeErrors } from '../unit/report/schemas.js';
import { makeZip, ZIPS } from '../helpers/zips.js';

/** Unix modes by entry name, read from the zip's central directory (fflate's unzip does not expose them). */
function zipModes(zip: Uint8Array): Map<string, number> {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = zip.length - 22;
  while (eocd >= 0 && view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const modes = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    expect(view.getUint32(at, true)).toBe(0x02014b50);
    const nameLen = view.getUint16(at + 28, true);
    const extraLen = view.getUint16(at + 30, true);
    const commentLen = view.getUint16(at + 32, true);
    const name = new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLen));
    modes.set(name, view.getUint32(at + 38, true) >>> 16);
    at += 46 + nameLen + extraLen + commentLen;
  }
  return modes;
}

function run(
  file: string,
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, [], { env: { ...process.env, ...env }, cwd, timeout: 120_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
    });
  });
}

describe('grade gradescope-bundle', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'tfgrade-gradescope-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const ag = join(tmp, 'autograder');
  const zipFile = join(tmp, 'out', 'autograder.zip');

  it('writes a zip with the scripts, the built grader and only the selected exercise', async () => {
    const r = await runCli(['gradescope-bundle', '--exercises', 'he-init', '--out', zipFile]);
    expect(r.code, r.stderr).toBe(0);
    const zip = readFileSync(zipFile);
    const names = [...zipModes(zip).keys()];
    for (const need of [
      'setup.sh',
      'run_autograder',
      'package.json',
      'package-lock.json',
      'bin/grade.js',
      'dist/cli.js',
      'dist/runtime/worker.mjs',
      'scripts/build.mjs',
      'grader/report.schema.json',
      'grader/spec.schema.json',
      'exercises/he-init.yaml',
      'reference/he-init.ts',
    ])
      expect(names).toContain(need);
    expect(
      names.filter((n) => /^(solutions|test|node_modules|grader\/(?!.*\.schema\.json$))/.test(n) || n.endsWith('.map')),
    ).toEqual([]);
    expect(names.filter((n) => n.startsWith('exercises/') || n.startsWith('reference/')).sort()).toEqual([
      'exercises/he-init.yaml',
      'reference/he-init.ts',
    ]);
    const modes = zipModes(zip);
    expect((modes.get('run_autograder')! & 0o111) !== 0 && (modes.get('setup.sh')! & 0o111) !== 0).toBe(true);
    const pkg = JSON.parse(new TextDecoder().decode(unzipSync(zip)['package.json'])) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.prepare).toBeUndefined();
    // The course's choice of when on-submit results are shown is fixed in the script Gradescope runs.
    expect(new TextDecoder().decode(unzipSync(zip).run_autograder)).toContain(
      "--format gradescope '--reveal' 'after_due_date' --out",
    );
  });

  it('run_autograder grades a submission in a simulated /autograder tree and always exits 0', async () => {
    // Lay the zip out as Gradescope does: contents in source/, run_autograder copied to the root, modes kept.
    const zip = readFileSync(zipFile);
    const modes = zipModes(zip);
    for (const [name, data] of Object.entries(unzipSync(zip))) {
      const file = join(ag, 'source', name);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, data);
      chmodSync(file, modes.get(name)! & 0o777);
    }
    copyFileSync(join(ag, 'source', 'run_autograder'), join(ag, 'run_autograder'));
    chmodSync(join(ag, 'run_autograder'), statSync(join(ag, 'source', 'run_autograder')).mode);
    // Instead of setup.sh (no network here): the repository's installed packages.
    symlinkSync(join(ROOT, 'node_modules'), join(ag, 'source', 'node_modules'), 'dir');
    mkdirSync(join(ag, 'submission', 'hw1'), { recursive: true });
    mkdirSync(join(ag, 'results'));
    copyFileSync(
      join(ROOT, 'test/hostile/cases/he-init--print-fake-report/he-init.ts'),
      join(ag, 'submission', 'he-init.ts'),
    );
    writeFileSync(
      join(ag, 'submission', 'hw1', 'he-init.ts'),
      'export const std = 99; // a stale copy: the top-level file wins\n',
    );
    // A course author hides heStd: its expected values (1.41421 for fan-in 1, …) must not reach results.json.
    const spec = join(ag, 'source', 'exercises', 'he-init.yaml');
    writeFileSync(
      spec,
      readFileSync(spec, 'utf8').replace(
        /( {2}- id: heStd\n(?: {4}.*\n)*? {4}points: 1\n)/,
        '$1    visibility: hidden\n',
      ),
    );
    expect(readFileSync(spec, 'utf8')).toMatch(/visibility: hidden/);

    const r = await run(join(ag, 'run_autograder'), { AUTOGRADER_ROOT: ag }, ag);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const text = readFileSync(join(ag, 'results', 'results.json'), 'utf8');
    const results = JSON.parse(text);
    expect(gradescopeErrors(results)).toEqual([]);
    expect(
      results.tests.map((t: { name: string; status?: string; visibility: string; score?: number }) => [
        t.name,
        t.status,
        t.visibility,
        t.score,
      ]),
    ).toEqual([
      // std is an answer (on-submit): a receipt at once, its verdict and score after the due date.
      ['he-init · std', undefined, 'visible', undefined],
      ['he-init · std: result', 'passed', 'after_due_date', 1],
      ['he-init · heStd', 'failed', 'after_published', 0],
      ['he-init · heNormal', 'passed', 'visible', 2],
    ]);
    expect(results.score).toBe(3);
    for (const secret of ['1.41421', '0.816497', '0.176777']) expect(text).not.toContain(secret);
  });

  it("run_autograder shows a wrong on-submit answer's expected value and hint only after the due date", async () => {
    rmSync(join(ag, 'submission'), { recursive: true });
    mkdirSync(join(ag, 'submission'));
    copyFileSync(
      join(ROOT, 'test/fixtures/submissions/he-init--wrong-xavier-std/he-init.ts'),
      join(ag, 'submission', 'he-init.ts'),
    );
    const r = await run(join(ag, 'run_autograder'), { AUTOGRADER_ROOT: ag }, ag);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const results = JSON.parse(readFileSync(join(ag, 'results', 'results.json'), 'utf8')) as {
      score: number;
      output: string;
      tests: { name: string; output: string; visibility: string; status?: string; score?: number }[];
    };
    expect(gradescopeErrors(results)).toEqual([]);
    const receipt = results.tests.find((t) => t.name === 'he-init · std')!;
    const result = results.tests.find((t) => t.name === 'he-init · std: result')!;
    // Before the due date the student reads that the answer was recorded: no verdict, score, expected value or hint.
    expect([receipt.visibility, receipt.status, receipt.score]).toEqual(['visible', undefined, undefined]);
    expect(receipt.output).toMatch(/^Answer recorded/);
    for (const shown of [receipt.output, results.output]) {
      expect(shown).not.toContain('0.125');
      expect(shown).not.toContain('Xavier');
      expect(shown).not.toMatch(/expected|wrong/);
    }
    // After it, the explanation is all there.
    expect([result.visibility, result.status, result.score]).toEqual(['after_due_date', 'failed', 0]);
    expect(result.output).toContain('expected 0.125');
    expect(result.output).toContain("That is Xavier's standard deviation");
  });

  it("run_autograder grades a submission.zip upload with the grader's own safe extraction, and explains a refused one", async () => {
    rmSync(join(ag, 'submission'), { recursive: true });
    mkdirSync(join(ag, 'submission'));
    writeFileSync(
      join(ag, 'submission', 'submission.zip'),
      makeZip({
        'solutions/he-init.ts': readFileSync(join(ROOT, 'test/fixtures/submissions/he-init--correct/he-init.ts')),
      }),
    );
    const ok = await run(join(ag, 'run_autograder'), { AUTOGRADER_ROOT: ag }, ag);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/grading he-init from: submission\.zip/);
    const results = JSON.parse(readFileSync(join(ag, 'results', 'results.json'), 'utf8'));
    expect(gradescopeErrors(results)).toEqual([]);
    expect([results.score, results.tests.map((t: { status?: string }) => t.status)]).toEqual([
      4,
      [undefined, 'passed', 'passed', 'passed'],
    ]);

    writeFileSync(join(ag, 'submission', 'submission.zip'), ZIPS['refused-zip-slip-dotdot']());
    const refused = await run(join(ag, 'run_autograder'), { AUTOGRADER_ROOT: ag }, ag);
    expect(refused.code).toBe(0);
    const r2 = JSON.parse(readFileSync(join(ag, 'results', 'results.json'), 'utf8'));
    expect(r2.score).toBe(0);
    expect(r2.output).toContain('zip refused [ZIP_UNSAFE_PATH]: submission.zip: entry "../../evil.ts"');
  });

  it("fits the sandbox memory to the container's cgroup limit, and names an empty upload without a temporary path", async () => {
    rmSync(join(ag, 'submission'), { recursive: true });
    mkdirSync(join(ag, 'submission'));
    const cgroup = join(tmp, 'cgroup');
    mkdirSync(cgroup, { recursive: true });
    writeFileSync(join(cgroup, 'memory.max'), `${768 * 2 ** 20}\n`); // Gradescope's default container
    const r = await run(join(ag, 'run_autograder'), { AUTOGRADER_ROOT: ag, TFGRADE_CGROUP_ROOT: cgroup }, ag);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/sandbox memory 448 MB/);
    const results = JSON.parse(readFileSync(join(ag, 'results', 'results.json'), 'utf8'));
    expect(gradescopeErrors(results)).toEqual([]);
    const text = JSON.stringify(results);
    expect(text).toContain('submission/he-init.ts not found');
    expect(text).not.toContain(tmpdir());
    expect(text).not.toMatch(/tmp\.[A-Za-z0-9]{6,}/);

    writeFileSync(join(cgroup, 'memory.max'), 'max\n');
    const unlimited = await run(join(ag, 'run_autograder'), { AUTOGRADER_ROOT: ag, TFGRADE_CGROUP_ROOT: cgroup }, ag);
    expect(unlimited.stdout).toMatch(/sandbox memory 1536 \(default\) MB/);
  });

  it('leaves an explanatory results.json, and exits 0, when the grader itself fails', async () => {
    writeFileSync(join(ag, 'source', 'exercises', 'he-init.yaml'), 'id: he-init\nparts: not-a-list\n');
    rmSync(join(ag, 'results', 'results.json'));
    const r = await run(join(ag, 'run_autograder'), { AUTOGRADER_ROOT: ag }, ag);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/exit code 2/);
    const results = JSON.parse(readFileSync(join(ag, 'results', 'results.json'), 'utf8'));
    expect(gradescopeErrors(results)).toEqual([]);
    expect(results).toMatchObject({ score: 0, tests: [] });
    expect(results.output).toMatch(/SPEC_INVALID/);
  });

  it('ships shell scripts bash can parse', async () => {
    for (const f of ['setup.sh', 'run_autograder']) {
      const r = await new Promise<number>((res) =>
        execFile('bash', ['-n', join(ag, 'source', f)], (e) => res(e ? 1 : 0)),
      );
      expect([f, r]).toEqual([f, 0]);
    }
  });
});
