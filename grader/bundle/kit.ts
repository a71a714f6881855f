// The files of a student kit (`grade release`): the built grader, kit/ (specs and public cases), starters, a README.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Course } from '../engine/api.js';
import { feedbackOf } from '../spec/model.js';
import { KIT_FORMAT, sha256, type KitManifest } from '../spec/kit.js';
import { bundlePackageJson, filesUnder, requireBuilt, type BundleEntry } from './contents.js';
import { kitExerciseOf } from './kit-spec.js';
import { studentReadme } from './kit-readme.js';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/**
 * Only built files and what the course wrote for students: no grader source, no reference/, no exercises/ (a spec
 * holds the answers of on-submit parts), no reference cache. test/unit/bundle/kit-leak.test.ts checks every byte.
 */
export function kitEntries(root: string, course: Course): BundleEntry[] {
  requireBuilt(root);
  const entries: BundleEntry[] = [];
  const manifest: KitManifest = { format: KIT_FORMAT, tool: course.toolVersion, exercises: {}, starters: {} };
  for (const ex of course.exercises) {
    const text = `${JSON.stringify(kitExerciseOf(ex))}\n`;
    manifest.exercises[ex.spec.id] = sha256(text);
    entries.push({ path: `kit/${ex.spec.id}.json`, data: utf8(text) });
    const starter = join(root, 'solutions', `${ex.spec.id}.ts`);
    if (existsSync(starter)) {
      const data = readFileSync(starter);
      manifest.starters![ex.spec.id] = sha256(data);
      entries.push({ path: `solutions/${ex.spec.id}.ts`, data });
    }
  }
  entries.push({ path: 'kit/manifest.json', data: utf8(`${JSON.stringify(manifest, null, 2)}\n`) });
  const parts = course.exercises.map((ex) => ({
    id: ex.spec.id,
    title: ex.spec.title,
    feedback: ex.spec.parts.map((p) => ({ id: p.id, points: p.points, feedback: feedbackOf(p) })),
  }));
  entries.push({ path: 'README.md', data: utf8(studentReadme(parts)) });
  entries.push({ path: 'package.json', data: bundlePackageJson(root, true) });
  entries.push({ path: 'package-lock.json', data: readFileSync(join(root, 'package-lock.json')) });
  for (const p of [...filesUnder(root, 'bin'), ...filesUnder(root, 'dist')]) {
    entries.push({ path: p.split('\\').join('/'), data: readFileSync(join(root, p)), executable: p.startsWith('bin') });
  }
  return entries.sort((a, b) => a.path.localeCompare(b.path));
}
