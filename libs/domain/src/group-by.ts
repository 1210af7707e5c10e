/**
 * The items by `keyOf`, each list in the items' order: one pass instead of a filter per key.
 * (`Map.groupBy` does this from Node 21; the product runs on Node 20.)
 */
export function groupBy<T, K>(items: Iterable<T>, keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = groups.get(key);
    if (list === undefined) groups.set(key, [item]);
    else list.push(item);
  }
  return groups;
}
