// A fixed-size pool: at most `jobs` submissions graded at once; results come back in input order, whatever finishes first.
/**
 * `ahead`, when given, is called as each item starts if there is an item `jobs` places further on: that item will start
 * in this lane when this one is done, so what it needs (a sandbox child) can be made ready meanwhile.
 */
export async function runPool<T, R>(
  items: readonly T[],
  jobs: number,
  work: (item: T, index: number) => Promise<R>,
  ahead?: (index: number) => void,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  const width = Math.max(1, Math.min(Math.floor(jobs) || 1, items.length));
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      const running = work(items[i], i);
      // After the item's own start (which takes whatever was made ready for it), not before.
      if (ahead && i + width < items.length) ahead(i + width);
      results[i] = await running;
    }
  };
  await Promise.all(Array.from({ length: width }, lane));
  return results;
}
