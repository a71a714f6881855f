// Unit tests for the p5 reference: 2^k counts, tent landmarks, sawtooth vs float64 and piece counting, fixtures, spec validity.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { Ajv } from 'ajv';
import * as tf from '@tensorflow/tfjs';
import { ExerciseSpec } from '../../../grader/spec/model.js';
import * as ref from '../../../reference/p5.js';
import * as tentSlope from '../../fixtures/submissions/p5--wrong-tent-slope/p5.js';
import * as piecesLinear from '../../fixtures/submissions/p5--wrong-pieces-linear/p5.js';
import { allCases, expectReferenceCoversSpec } from '../../helpers/reference-spec.js';

type Part = { id: string; type: string; mode: string; check: Record<string, unknown> & { kind: string } };
const spec = YAML.parse(readFileSync(new URL('../../../exercises/p5.yaml', import.meta.url), 'utf8'));
const part = (id: string) => (spec.parts as Part[]).find((p) => p.id === id)!;
const tolOf = (id: string) => part(id).check as unknown as { rtol: number; atol: number };

/** Worst |a - e| - (atol + rtol |e|) over all entries: > 0 means the check fails. */
function excess(a: ArrayLike<number>, e: ArrayLike<number>, rtol: number, atol: number): number {
  let worst = -Infinity;
  for (let i = 0; i < e.length; i++) worst = Math.max(worst, Math.abs(a[i] - e[i]) - (atol + rtol * Math.abs(e[i])));
  return worst;
}

const tent64 = (u: number) => (u <= 0.5 ? 2 * u : 2 - 2 * u);
const saw64 = (u: number, k: number) => {
  for (let i = 0; i < k; i++) u = tent64(u);
  return u;
};

type Saw = (x: tf.Tensor1D, k: number) => tf.Tensor1D;
type Tent = (x: tf.Tensor1D) => tf.Tensor1D;
const run = (out: tf.Tensor1D) => {
  const r = { data: out.dataSync(), shape: out.shape, dtype: out.dtype };
  out.dispose();
  return r;
};

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('p5 reference: the curriculum numbers', () => {
  it('shallowUnits(k) = 2^k, 1024 at k = 10', () => {
    expect(ref.shallowUnits(10)).toBe(1024);
    for (const k of [1, 5, 20]) expect(ref.shallowUnits(k)).toBe(2 ** k);
  });

  it('tent is 2x then 2 - 2x: 0, 0.5, 1, 0.5, 0 at the landmarks', () => {
    const [landmarks] = ref.cases!.tent(tf);
    expect(Array.from(run(ref.tent(landmarks.args[0] as tf.Tensor1D)).data)).toEqual([0, 0.5, 1, 0.5, 0]);
  });

  it('countPieces(k) = 2^k, and the reference sawtooth really has 2^k linear pieces for k = 1..10', () => {
    // 2^14 + 1 dyadic points: every knot of the k <= 10 sawtooth (multiples of 2^-k) is a grid point, so the
    // slope between neighbours is exactly +-2^k and each change of slope starts a new piece.
    const n = 2 ** 14;
    const x = tf.linspace(0, 1, n + 1) as tf.Tensor1D;
    for (let k = 1; k <= 10; k++) {
      const y = run(ref.sawtooth(x, k)).data;
      let pieces = 1;
      let prev = (y[1] - y[0]) * n;
      for (let i = 1; i < n; i++) {
        const slope = (y[i + 1] - y[i]) * n;
        expect(Math.abs(slope), `k=${k} slope at ${i}`).toBe(2 ** k);
        if (slope !== prev) pieces++;
        prev = slope;
      }
      expect(pieces, `k=${k}`).toBe(2 ** k);
      expect(ref.countPieces(k)).toBe(pieces);
    }
    x.dispose();
  });

  it('the argument is the exponential-efficiency option', () => {
    expect(ref.argument).toBe('depth-exponentially-efficient');
  });
});

describe('p5 reference: tensors', () => {
  it('tent and sawtooth match float64 on every case, keep shape and float32 dtype', () => {
    for (const c of allCases(ref as never, 'tent', tf)) {
      const x = c.args[0] as tf.Tensor1D;
      const got = run(ref.tent(x));
      expect(got.shape, c.label).toEqual(x.shape);
      expect(got.dtype, c.label).toBe('float32');
      const want = Array.from(x.dataSync(), tent64);
      expect(excess(got.data, want, 0, 0), c.label).toBeLessThanOrEqual(0); // exact in float32 on [0, 1]
    }
    for (const c of allCases(ref as never, 'sawtooth', tf)) {
      const [x, k] = c.args as [tf.Tensor1D, number];
      const got = run(ref.sawtooth(x, k));
      expect(got.shape, c.label).toEqual(x.shape);
      expect(got.dtype, c.label).toBe('float32');
      expect(
        excess(
          got.data,
          Array.from(x.dataSync(), (u) => saw64(u, k)),
          0,
          0,
        ),
        c.label,
      ).toBeLessThanOrEqual(0);
    }
  });

  it('other correct formulations (1 - |2x - 1|, where) stay 10x inside the tolerance', () => {
    const { rtol, atol } = tolOf('sawtooth');
    const viaAbs: Saw = (x, k) =>
      tf.tidy(() => {
        let y = x;
        for (let i = 0; i < k; i++) y = tf.sub(1, tf.abs(tf.sub(tf.mul(2, y), 1)));
        return y;
      });
    const viaWhere: Saw = (x, k) =>
      tf.tidy(() => {
        let y: tf.Tensor = x;
        for (let i = 0; i < k; i++) y = tf.where(tf.lessEqual(y, 0.5), tf.mul(2, y), tf.sub(2, tf.mul(2, y)));
        return y as tf.Tensor1D;
      });
    for (const c of allCases(ref as never, 'sawtooth', tf)) {
      const [x, k] = c.args as [tf.Tensor1D, number];
      const want = run(ref.sawtooth(x, k)).data;
      for (const alt of [viaAbs, viaWhere])
        expect(excess(run(alt(x, k)).data, want, rtol / 10, atol / 10), c.label).toBeLessThanOrEqual(0);
    }
  });

  it('does not dispose or change its arguments', () => {
    const x = ref.cases!.sawtooth(tf)[0].args[0] as tf.Tensor1D;
    const before = Array.from(x.dataSync());
    run(ref.tent(x));
    run(ref.sawtooth(x, 3));
    expect(x.isDisposed).toBe(false);
    expect(Array.from(x.dataSync())).toEqual(before);
  });
});

describe('p5 fixtures differ beyond the tolerance', () => {
  it('wrong-tent-slope: tent and sawtooth fail every case; the rest matches', () => {
    const t = tolOf('tent');
    for (const c of allCases(ref as never, 'tent', tf)) {
      const x = c.args[0] as tf.Tensor1D;
      expect(
        excess(run((tentSlope.tent as Tent)(x)).data, run(ref.tent(x)).data, t.rtol, t.atol),
        c.label,
      ).toBeGreaterThan(0);
    }
    const s = tolOf('sawtooth');
    for (const c of allCases(ref as never, 'sawtooth', tf)) {
      const [x, k] = c.args as [tf.Tensor1D, number];
      expect(
        excess(run((tentSlope.sawtooth as Saw)(x, k)).data, run(ref.sawtooth(x, k)).data, s.rtol, s.atol),
        c.label,
      ).toBeGreaterThan(0);
    }
    for (let k = 1; k <= 20; k++)
      expect([tentSlope.shallowUnits(k), tentSlope.countPieces(k)]).toEqual([ref.shallowUnits(k), ref.countPieces(k)]);
    expect(tentSlope.argument).toBe(ref.argument);
  });

  it('wrong-pieces-linear: 2k agrees at k = 1, 2 but fails from k = 3 on; its tensors pass', () => {
    const { rtol, atol } = tolOf('countPieces');
    const failing = ref.cases!.countPieces(tf).filter((c) => {
      const k = c.args[0] as number;
      return Math.abs(piecesLinear.countPieces(k) - ref.countPieces(k)) > atol + rtol * ref.countPieces(k);
    });
    expect(failing.map((c) => c.args[0])).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
    const t = tolOf('sawtooth');
    for (const c of allCases(ref as never, 'sawtooth', tf)) {
      const [x, k] = c.args as [tf.Tensor1D, number];
      expect(
        excess(run((piecesLinear.sawtooth as Saw)(x, k)).data, run(ref.sawtooth(x, k)).data, t.rtol, t.atol),
        c.label,
      ).toBeLessThanOrEqual(0);
    }
  });
});

describe('p5 spec', () => {
  it('validates against the ExerciseSpec schema', () => {
    const validate = new Ajv({ strict: true, allErrors: true }).compile(ExerciseSpec);
    expect(validate(spec), JSON.stringify(validate.errors)).toBe(true);
  });

  it('has the curriculum parts in order, with the curriculum option ids', () => {
    expect((spec.parts as Part[]).map((p) => p.id)).toEqual([
      'shallowUnits',
      'tent',
      'sawtooth',
      'countPieces',
      'argument',
    ]);
    const options = (part('argument').check.options as { id: string }[]).map((o) => o.id);
    expect(options.sort()).toEqual([
      'deep-nets-generalize-always',
      'depth-exponentially-efficient',
      'shallow-nets-cannot-approximate',
      'width-is-free',
    ]);
    for (const p of spec.parts as Part[])
      if ('rtol' in p.check || 'atol' in p.check) expect(p.check.why, p.id).toBeTruthy();
  });

  it('every part is a reference export and every call part has cases', () => {
    // countPieces covers k = 1..10 as the curriculum asks (the linear 2k guess agrees at k = 1, 2); the rest 2-6.
    expectReferenceCoversSpec(spec.parts as Part[], ref as never, tf, { countPieces: 10 });
  });

  it('fixture expected.json files list every part', () => {
    for (const f of ['p5--wrong-tent-slope', 'p5--wrong-pieces-linear']) {
      const exp = JSON.parse(
        readFileSync(new URL(`../../fixtures/submissions/${f}/expected.json`, import.meta.url), 'utf8'),
      );
      expect(Object.keys(exp.p5).sort(), f).toEqual((spec.parts as Part[]).map((p) => p.id).sort());
    }
  });
});
