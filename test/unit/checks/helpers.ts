// Builders for wire values and case inputs used by the check tests.
import type { Wire, WireDType } from '../../../grader/model/wire.js';
import type { CaseInput } from '../../../grader/model/outcome.js';
import type { CheckContext } from '../../../grader/checks/define.js';

export const num = (v: number): Wire => ({ t: 'number', v });
export const str = (v: string): Wire => ({ t: 'string', v });
export const bool = (v: boolean): Wire => ({ t: 'boolean', v });
export const nul: Wire = { t: 'null' };
export const undef: Wire = { t: 'undefined' };
export const arr = (...items: Wire[]): Wire => ({ t: 'array', items });
export const nums = (...xs: number[]): Wire => arr(...xs.map(num));
export const strs = (...xs: string[]): Wire => arr(...xs.map(str));
export const obj = (o: Record<string, Wire>): Wire => ({ t: 'object', entries: Object.entries(o) });
export function tensor(shape: number[], data: number[], dtype: WireDType = 'float32'): Wire {
  const d = dtype === 'int32' ? new Int32Array(data) : dtype === 'bool' ? new Uint8Array(data) : new Float32Array(data);
  return { t: 'tensor', shape, dtype, data: d };
}

/** One value-part case. */
export const one = (expected: Wire, actual: Wire, label = 'answer'): CaseInput[] => [
  { label, args: [], expected, actual },
];

export const ctx: CheckContext = { seed: 12345, behaviors: {} };
