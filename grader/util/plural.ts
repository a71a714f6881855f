// One place for "1 point" / "2 points": counts in messages agree with their nouns and verbs.

/** "point" or "points", "is" or "are", "awaits" or "await": the word agreeing with `n` (1 is singular, 0.5 is not). */
export function agree(n: number, one: string, many = `${one}s`): string {
  return n === 1 ? one : many;
}

/** "1 point", "2 points", "0.5 points"; `many` for irregular plurals ("1 match", "2 matches"). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${agree(n, one, many)}`;
}
