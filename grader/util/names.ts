// Directory listing that survives file names which are not valid UTF-8 (they decode lossily and then cannot be opened).

export interface Names {
  /** Entries whose names round-trip through UTF-8, sorted. */
  names: string[];
  /** The others, decoded lossily for messages only: they cannot be opened by that name. */
  invalid: string[];
}

import { readdirSync } from 'node:fs';

export function readNames(dir: string): Names {
  const names: string[] = [];
  const invalid: string[] = [];
  for (const raw of readdirSync(dir, { encoding: 'buffer' })) {
    const name = raw.toString('utf8');
    (Buffer.from(name, 'utf8').equals(raw) ? names : invalid).push(name);
  }
  return { names: names.sort(), invalid: invalid.sort() };
}
