import { ITEM_BYTES } from './byte-items.ts';
import { lazyArray } from './lazy-array.ts';

/** A decoder for ASCII bytes: WHATWG's "latin1" (windows-1252, the same for ASCII), where the runtime has one. */
const ASCII_DECODER = ((): TextDecoder | null => {
  try {
    return new TextDecoder('latin1');
  } catch {
    return null;
  }
})();

/**
 * ASCII bytes as a string: through the latin1 decoder (about 100 ns for a term list in Node, half what UTF-8 decoding
 * or fromCharCode take), else in pieces through fromCharCode (which takes a bounded number of arguments).
 */
export function asciiOf(bytes: Uint8Array, start: number, end: number): string {
  if (ASCII_DECODER) return ASCII_DECODER.decode(bytes.subarray(start, end));
  let out = '';
  for (let at = start; at < end; at += 4096) out += String.fromCharCode.apply(null, bytes.subarray(at, Math.min(at + 4096, end)) as unknown as number[]);
  return out;
}

/**
 * A list of strings kept as UTF-8 in one byte array, each item made a string again when read (not kept): what an
 * isolate holds of an index's texts and lists in place of hundreds of thousands of strings. News text holds a few
 * curly quotes and dashes, which make V8 store a whole string at two bytes a character; UTF-8 keeps it near one.
 */
export function packStrings(list: string[]): string[] {
  const { bytes, offsets, ascii } = encodeAll(list);
  const decoder = new TextDecoder();
  const length = offsets.length - 1;
  // an ASCII list (postings, term lists) carries its bytes, which scoring parses where they lie (byte-items.ts)
  if (ascii) return lazyArray(length, (i) => asciiOf(bytes, offsets[i]!, offsets[i + 1]!), { [ITEM_BYTES]: { bytes, starts: offsets, base: 0, first: 0 } });
  return lazyArray(length, (i) => decoder.decode(bytes.subarray(offsets[i]!, offsets[i + 1]!)));
}

/** The list's items as UTF-8 back to back, where each starts, and whether all are ASCII. (A function of its own so
 * that the closure packStrings returns cannot keep `list` alive: V8 closures share their scope's variables.) */
function encodeAll(list: string[]): { bytes: Uint8Array; offsets: Uint32Array; ascii: boolean } {
  const encoder = new TextEncoder();
  const items: Uint8Array[] = [];
  for (let i = 0; i < list.length; i++) items.push(encoder.encode(list[i]!));
  const offsets = new Uint32Array(items.length + 1);
  for (let i = 0; i < items.length; i++) offsets[i + 1] = offsets[i]! + items[i]!.length;
  const bytes = new Uint8Array(offsets[items.length]!);
  let ascii = true;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    bytes.set(item, offsets[i]!);
    if (ascii) for (let k = 0; k < item.length; k++) if (item[k]! > 0x7f) { ascii = false; break; }
  }
  return { bytes, offsets, ascii };
}
