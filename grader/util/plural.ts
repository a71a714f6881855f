// One place for "1 point" / "2 points": counts in messages agree with their nouns.

/** "1 point", "2 points", "0.5 points"; `many` for irregular plurals ("1 match", "2 matches"). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
