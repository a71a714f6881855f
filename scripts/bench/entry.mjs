// What the way of starting the bin costs: `grade list` (no sandbox, no references) through node, npx and npm run.
import { BIN, ROOT, log, median, runTimed } from './util.mjs';

export async function measureEntryPoints({ runs = 5 } = {}) {
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const ways = [
    ['node bin/grade.js list', process.execPath, [BIN, 'list']],
    ['npx grade list', npx, ['grade', 'list']],
    ['npm run grade -- list', npm, ['run', '-s', 'grade', '--', 'list']],
  ];
  const out = [];
  for (const [name, file, args] of ways) {
    log(`entry point: ${name} x${runs}`);
    const ms = [];
    let ok = true;
    for (let i = 0; i < runs; i++) {
      const r = await runTimed(file, args, { cwd: ROOT, memory: false, keepStdout: false });
      ok &&= r.code === 0;
      ms.push(r.ms);
    }
    out.push({ name, medianMs: median(ms), ok });
  }
  const base = out[0].medianMs;
  return out.map((x) => ({ ...x, overheadMs: x.medianMs - base }));
}
