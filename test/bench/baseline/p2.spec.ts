// Baseline for p2 (a saturating sigmoid MLP): the same parts and fixed-seed inputs tfgrade uses, asserted by hand (see helpers.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose, normal, reference, student, uniform, useWasm, type Mod } from './helpers.js';

let s: Mod;
let r: Mod;
beforeAll(async () => {
  await useWasm();
  [s, r] = await Promise.all([student('p2'), reference('p2')]);
});

const FIXES = ['xavier-init', 'normalize-inputs', 'adaptive-optimizer', 'relu-activation'];

function mlp(sizes: number[], batch: number, seed: number, std: (fanIn: number, fanOut: number) => number) {
  return [
    sizes.slice(1).map((fanOut, i) => normal([sizes[i], fanOut], std(sizes[i], fanOut), seed + i)),
    normal([batch, sizes[0]], 1, seed + 100),
    uniform([batch, sizes[sizes.length - 1]], 0, 1, seed + 101),
  ];
}

describe('p2', () => {
  it('fixes: two correct options, none wrong', () => {
    expect(Array.isArray(s.fixes)).toBe(true);
    expect(s.fixes.filter((f: string) => FIXES.includes(f)).length).toBeGreaterThanOrEqual(2);
    expect(s.fixes.filter((f: string) => !FIXES.includes(f))).toEqual([]);
  });

  it('explanation: at least 30 words (read by a person)', () => {
    expect(String(s.explanation).split(/\s+/).filter(Boolean).length).toBeGreaterThanOrEqual(30);
  });

  it('layerGradNorms', () => {
    const xavier = (i: number, o: number) => Math.sqrt(2 / (i + o));
    const inputs = [
      mlp([32, 32, 32, 32, 32, 4], 64, 300, () => 1),
      mlp([32, 32, 32, 32, 32, 4], 64, 310, xavier),
      mlp([10, 20, 20, 3], 16, 320, xavier),
    ];
    for (const args of inputs)
      expectClose(s.layerGradNorms(...args), r.layerGradNorms(...args), { rtol: 1e-2, atol: 0 });
  });
});
