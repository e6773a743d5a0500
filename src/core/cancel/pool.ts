/**
 * Runs `work` over `items` with at most `concurrency` at once, in order of start. Hand-written: a
 * few lines, where a pool library would add a dependency to the bundle for the same loop. A failure
 * rejects the whole run (the workers already running finish their item).
 */
export async function runPool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}
