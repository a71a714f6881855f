// Baseline for p5 (Telgarsky's sawtooth): the same parts and fixed-seed inputs tfgrade uses, asserted by hand (see helpers.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose, reference, student, tf, useWasm, type Mod } from './helpers.js';

let s: Mod;
let r: Mod;
beforeAll(async () => {
  await useWasm();
  [s, r] = await Promise.all([student('p5'), reference('p5')]);
});

describe('p5', () => {
  it('shallowUnits', () => {
    for (const k of [1, 5, 10, 20]) expectClose(s.shallowUnits(k), r.shallowUnits(k));
  });

  it('tent', () => {
    for (const x of [tf.tensor1d([0, 0.25, 0.5, 0.75, 1]), tf.linspace(0, 1, 1001)])
      expectClose(s.tent(x), r.tent(x), { rtol: 1e-4, atol: 1e-5 });
  });

  it('sawtooth', () => {
    for (const k of [1, 2, 3, 5])
      expectClose(s.sawtooth(tf.linspace(0, 1, 513), k), r.sawtooth(tf.linspace(0, 1, 513), k), {
        rtol: 1e-4,
        atol: 1e-5,
      });
    expectClose(s.sawtooth(tf.linspace(0, 1, 1001), 3), r.sawtooth(tf.linspace(0, 1, 1001), 3), {
      rtol: 1e-4,
      atol: 1e-5,
    });
  });

  it('countPieces', () => {
    for (let k = 1; k <= 10; k++) expectClose(s.countPieces(k), r.countPieces(k));
  });

  it('argument', () => {
    expect(s.argument).toBe('depth-exponentially-efficient');
  });
});
