/**
 * Caches an async function by the JSON of its argument, so that the several predictions of one
 * claim family, each checked over the same generated configurations, train each configuration once.
 * A rejected promise is not cached.
 */
export function memoizeAsync<A, R>(fn: (arg: A) => Promise<R>): (arg: A) => Promise<R> {
  const cache = new Map<string, Promise<R>>();
  return (arg: A) => {
    const key = JSON.stringify(arg);
    let hit = cache.get(key);
    if (hit === undefined) {
      hit = fn(arg);
      cache.set(key, hit);
      hit.catch(() => cache.delete(key));
    }
    return hit;
  };
}
