// --backend as the policy reads it: what is installed, the isolation level, and who runs (students or only references).
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  chooseBackend,
  nativeInstalls,
  type BackendRequest,
  type NativeInstall,
} from '../../../grader/engine/backend-choice.js';
import type { SandboxLevel } from '../../../grader/model/report.js';
import type { TfgradeError } from '../../../grader/util/errors.js';
import { beyondLimit } from '../../../grader/runtime/classify.js';

const cpu: NativeInstall = { pkg: '@tensorflow/tfjs-node' };
const gpu: NativeInstall = { pkg: '@tensorflow/tfjs-node-gpu' };
const broken: NativeInstall = {
  pkg: '@tensorflow/tfjs-node',
  problem: 'its binding is built but deps/lib/libtensorflow.so is missing',
};

describe('chooseBackend', () => {
  it.each<[BackendRequest, SandboxLevel, NativeInstall[], string, RegExp]>([
    ['auto', 'bubblewrap', [], 'wasm', /no native backend is installed/],
    ['auto', 'bubblewrap', [cpu], 'wasm', /tfjs-node is installed, but wasm grades these exercises faster/],
    ['auto', 'basic', [cpu], 'wasm', /faster/],
    ['auto', 'bubblewrap', [gpu], 'tensorflow', /GPU build/],
    ['auto', 'bubblewrap', [gpu, cpu], 'tensorflow', /GPU build/],
    // a GPU never runs student code without bubblewrap: auto falls back and says why
    ['auto', 'basic', [gpu], 'wasm', /only under bubblewrap.*basic isolation level/],
    // a broken install is not an error for auto: wasm, with the real problem in the reason
    ['auto', 'bubblewrap', [broken], 'wasm', /deps\/lib\/libtensorflow.so is missing/],
    ['tensorflow', 'bubblewrap', [cpu], 'tensorflow', /asked for/],
    ['wasm', 'basic', [gpu], 'wasm', /asked for/],
    ['cpu', 'bubblewrap', [], 'cpu', /asked for/],
  ])('%s at %s with %j: %s', (want, level, natives, name, reason) => {
    const pick = chooseBackend(want, level, natives);
    expect(pick.name).toBe(name);
    expect(pick.requested).toBe(want);
    expect(pick.reason).toMatch(reason);
    expect(pick.pkg).toBe(
      name === 'tensorflow'
        ? natives.find((n) => !n.problem)!.pkg
        : name === 'wasm'
          ? '@tensorflow/tfjs-backend-wasm'
          : '@tensorflow/tfjs',
    );
  });

  it.each<[SandboxLevel, NativeInstall[], string, RegExp]>([
    ['bubblewrap', [], 'BACKEND_UNAVAILABLE', /not installed/],
    ['bubblewrap', [broken], 'BACKEND_UNAVAILABLE', /deps\/lib\/libtensorflow.so is missing/],
    ['basic', [cpu], 'BACKEND_UNSAFE', /basic isolation level/],
    ['basic', [gpu], 'BACKEND_UNSAFE', /permission model/],
  ])('--backend tensorflow at %s with %j is refused: %s', (level, natives, code, message) => {
    const err = (() => {
      try {
        chooseBackend('tensorflow', level, natives);
      } catch (e) {
        return e as TfgradeError;
      }
      throw new Error('not refused');
    })();
    expect(err.code).toBe(code);
    expect(err.exitCode).toBe(2);
    expect(err.message).toMatch(message);
  });

  it('references alone (grade validate) may run natively at any level: no student code runs', () => {
    expect(chooseBackend('tensorflow', 'basic', [cpu], false).name).toBe('tensorflow');
  });
});

describe('nativeInstalls', () => {
  const course = (): string => {
    const root = mkdtempSync(join(tmpdir(), 'tfgrade-native-'));
    writeFileSync(join(root, 'package.json'), '{"name": "course"}');
    mkdirSync(join(root, 'node_modules/@tensorflow/tfjs-node'), { recursive: true });
    writeFileSync(
      join(root, 'node_modules/@tensorflow/tfjs-node/package.json'),
      '{"name": "@tensorflow/tfjs-node", "main": "index.js"}',
    );
    return root;
  };
  const pkg = (root: string, rel: string) => join(root, 'node_modules/@tensorflow/tfjs-node', rel);

  it('an installed package without a binding (its download was skipped) is not usable, and says why', () => {
    const root = course();
    expect(nativeInstalls(root, 'linux')).toEqual([
      { pkg: '@tensorflow/tfjs-node', problem: expect.stringMatching(/never built/) },
    ]);
    rmSync(root, { recursive: true, force: true });
  });

  it('a binding whose library is gone (or a dangling link) is not usable; with both files it is', () => {
    const root = course();
    mkdirSync(pkg(root, 'lib/napi-v8'), { recursive: true });
    writeFileSync(pkg(root, 'lib/napi-v8/tfjs_binding.node'), '');
    mkdirSync(pkg(root, 'deps/lib'), { recursive: true });
    symlinkSync('libtensorflow_cc.so.2', pkg(root, 'deps/lib/libtensorflow.so'));
    writeFileSync(pkg(root, 'deps/lib/libtensorflow_framework.so'), '');
    expect(nativeInstalls(root, 'linux')[0].problem).toMatch(/deps\/lib\/libtensorflow.so is missing/);
    writeFileSync(pkg(root, 'deps/lib/libtensorflow_cc.so.2'), '');
    expect(nativeInstalls(root, 'linux')).toEqual([{ pkg: '@tensorflow/tfjs-node' }]);
    rmSync(root, { recursive: true, force: true });
  });

  it('nothing installed: nothing found', () => {
    const root = mkdtempSync(join(tmpdir(), 'tfgrade-native-'));
    writeFileSync(join(root, 'package.json'), '{}');
    expect(nativeInstalls(root)).toEqual([]);
    rmSync(root, { recursive: true, force: true });
  });
});

describe('an allocation far beyond the memory limit is out of memory on every Node', () => {
  it.each([
    ['RangeError: Invalid typed array length: 10000000000', 512, true], // Node 20 refuses it
    ['RangeError: Invalid typed array length: 1000', 512, false],
    ['RangeError: Invalid typed array length: -1', 512, false],
    ['RangeError: Invalid typed array length: 10000000000', undefined, false],
  ] as const)('%s (limit %s MB): %s', (message, memoryMb, oom) => {
    expect(beyondLimit(message, memoryMb)).toBe(oom);
  });
});
