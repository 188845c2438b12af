/**
 * A list of ASCII strings read as bytes: the postings and passage term lists (lunr-compact.ts's base-36 encodings),
 * which scoring walks thousands of times a question. A format 6 index holds them in its binary search part, and the
 * Worker's packed index in one byte array; making each into a string to parse it (a decode, an allocation, then the
 * garbage) was a fifth of a question's time at 20,000 articles. So scoring parses the bytes where they lie. A list
 * held as strings (a format 4 index, a test's) is packed once, the first time it is asked for.
 */
export interface ByteItems {
  bytes: Uint8Array;
  /** item i spans bytes[base + starts[first + i]] up to bytes[base + starts[first + i + 1]] */
  starts: Uint32Array;
  base: number;
  first: number;
}

/** The key under which a list made from bytes (a lazyArray's own property) carries them. */
export const ITEM_BYTES = Symbol('item bytes');

const packed = new WeakMap<string[], ByteItems>();

/** A list's items as bytes: its own, or the list packed once (its items must be ASCII, as the encodings are). */
export function itemBytes(list: string[]): ByteItems {
  const own = (list as unknown as Record<symbol, ByteItems | undefined>)[ITEM_BYTES];
  if (own) return own;
  let items = packed.get(list);
  if (!items) packed.set(list, (items = packAscii(list)));
  return items;
}

function packAscii(list: string[]): ByteItems {
  const starts = new Uint32Array(list.length + 1);
  for (let i = 0; i < list.length; i++) starts[i + 1] = starts[i]! + list[i]!.length;
  const bytes = new Uint8Array(starts[list.length]!);
  for (let i = 0; i < list.length; i++) {
    const item = list[i]!;
    const at = starts[i]!;
    for (let k = 0; k < item.length; k++) bytes[at + k] = item.charCodeAt(k);
  }
  return { bytes, starts, base: 0, first: 0 };
}

/** A base-36 digit's value (0-9, a-z as the encodings write them). */
const digit = (c: number) => (c <= 57 ? c - 48 : c - 87);
const COMMA = 44;
const DOT = 46;

/**
 * Where the entry `readEntry` read last ended (past its comma) and its count (".tf", 1 when not written): module
 * state rather than a returned object, so the loops below parse without allocating.
 */
let entryEnd = 0;
let entryCount = 1;

/** Reads one entry of a list (a base-36 delta, then ".count" if written) starting at `at`; returns the delta. */
function readEntry(bytes: Uint8Array, at: number, end: number): number {
  let delta = 0;
  let c = bytes[at]!;
  while (at < end && c !== COMMA && c !== DOT) {
    delta = delta * 36 + digit(c);
    c = bytes[++at]!;
  }
  let count = 1;
  if (at < end && c === DOT) {
    count = 0;
    c = bytes[++at]!;
    while (at < end && c !== COMMA) {
      count = count * 10 + (c - 48);
      c = bytes[++at]!;
    }
  }
  entryEnd = at + 1;
  entryCount = count;
  return delta;
}

/** Item i of a postings list: ascending document numbers (all, or the first `limit`), as decodeAscending gives them. */
export function postingsAt(items: ByteItems, i: number, limit = Infinity): number[] {
  const { bytes, starts, base, first } = items;
  const end = base + starts[first + i + 1]!;
  const out: number[] = [];
  let last = 0;
  for (let at = base + starts[first + i]!; at < end && out.length < limit; at = entryEnd) out.push((last += readEntry(bytes, at, end)));
  return out;
}

/**
 * The term ids of item i of a term-list list (ascending) written into `into.ids` (grown when too short); returns how
 * many. For reads that must not allocate (see passageTermIds).
 */
export function termIdsInto(items: ByteItems, i: number, into: { ids: Int32Array }): number {
  const { bytes, starts, base, first } = items;
  const end = base + starts[first + i + 1]!;
  let id = 0;
  let count = 0;
  for (let at = base + starts[first + i]!; at < end; at = entryEnd) {
    id += readEntry(bytes, at, end);
    if (count === into.ids.length) {
      const grown = new Int32Array(count * 2);
      grown.set(into.ids);
      into.ids = grown;
    }
    into.ids[count++] = id;
  }
  return count;
}

/**
 * One pass over item i of a term-list list (ascending ids, delta-encoded in base 36, ".tf" when a term occurs more
 * than once): writes into tfs[k] how often the passage holds ids[k] (ascending) and returns the passage's length (its
 * term frequencies summed), as decodeDoc would give them, without allocating. When the length is known already
 * (`lengthKnown`), it stops after the last of the ids and returns 0.
 */
export function frequenciesAt(items: ByteItems, i: number, ids: number[], tfs: Float64Array, lengthKnown: boolean): number {
  const { bytes, starts, base, first } = items;
  const end = base + starts[first + i + 1]!;
  tfs.fill(0);
  const last = ids[ids.length - 1] ?? 0;
  let length = 0;
  let id = 0;
  let k = 0;
  for (let at = base + starts[first + i]!; at < end; at = entryEnd) {
    id += readEntry(bytes, at, end);
    const tf = entryCount;
    length += tf;
    while (k < ids.length && ids[k]! < id) k++;
    if (k < ids.length && ids[k] === id) tfs[k] = tf;
    if (lengthKnown && id >= last) return 0;
  }
  return length;
}
