/**
 * An array of `length` items, each made by `item(i)` when read (the array keeps none; an item function may keep what
 * it makes, within a bound): what a loader hands the engine in place of an array it would be costly to build up front.
 * Array methods work (they ask whether an index is there: every one is). `own`: symbol-keyed properties the array
 * carries besides its items, for the store that made it to read back.
 */
export function lazyArray<T>(length: number, item: (i: number) => T, own: Record<symbol, unknown> = {}): T[] {
  return new Proxy(Object.assign(new Array<T>(length), own), {
    get(target, key, receiver) {
      if (typeof key === 'string') {
        const c = key.charCodeAt(0);
        if (c >= 48 && c <= 57) {
          const i = Number(key);
          return Number.isInteger(i) && i < length ? item(i) : undefined;
        }
      }
      return Reflect.get(target, key, receiver);
    },
    has(target, key) {
      if (typeof key === 'string' && /^\d+$/.test(key)) return Number(key) < length;
      return Reflect.has(target, key);
    },
  });
}

/**
 * An array of n empty slots (undefined), for a per-item table a lazy list fills: made by push, because `new Array(n)`
 * past 100,000 items makes V8 keep the array as a dictionary, and every read of it a hash lookup.
 */
export function emptySlots<T>(n: number): Array<T | undefined> {
  const slots: Array<T | undefined> = [];
  for (let i = 0; i < n; i++) slots.push(undefined);
  return slots;
}
