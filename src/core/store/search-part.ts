import { SitrepError } from '../ingest/article-file.ts';
import { ITEM_BYTES, type ByteItems } from './byte-items.ts';
import { lazyArray } from './lazy-array.ts';
import { asciiOf } from './packed-strings.ts';

/**
 * The search part of an index (format 6): the three per-term and per-passage lists that are most of a parsed index
 * (lunr postings, each passage's term list, each passage's annotation JSON) as one binary file, read as bytes and
 * turned into a string only when a question reads that item. Loading it costs a read and a checksum, not a
 * JSON.parse that makes hundreds of thousands of strings. The items keep their encodings (lunr-compact.ts,
 * annotations.ts), so every decoder and score stays as it was.
 *
 * Layout, little-endian: "SRP1", u32 terms T, u32 passages D, then u32 offsets into the data that follows: T + 1 for
 * the postings, D + 1 for the term lists, D + 1 for the annotations (each list's items back to back, UTF-8; the
 * postings and term lists are ASCII).
 */
export interface SearchLists {
  postings: string[];
  docs: string[];
  annotations: string[];
}

/** What the main file records of its search part. */
export interface SearchPartRef {
  name: string;
  /** `fnv1a:` over the part's bytes (see bytesChecksum) */
  checksum: string;
  bytes: number;
}

const MAGIC = [0x53, 0x52, 0x50, 0x31];
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const HEADER = 12;

/** The search part's bytes for an index's lists. */
export function packSearchPart(lists: SearchLists): Uint8Array {
  const encoder = new TextEncoder();
  const T = lists.postings.length;
  const D = lists.docs.length;
  if (lists.annotations.length !== D) throw new Error(`search part: ${D} term lists but ${lists.annotations.length} annotations`);
  const items = [...lists.postings, ...lists.docs, ...lists.annotations].map((item) => encoder.encode(item));
  const offsetsBytes = 4 * (T + 1 + 2 * (D + 1));
  const dataBytes = items.reduce((sum, item) => sum + item.length, 0);
  const out = new Uint8Array(HEADER + offsetsBytes + dataBytes);
  const view = new DataView(out.buffer);
  out.set(MAGIC, 0);
  view.setUint32(4, T, true);
  view.setUint32(8, D, true);
  let slot = HEADER;
  let at = 0;
  let next = 0;
  for (const count of [T, D, D]) {
    for (let i = 0; i < count; i++) {
      view.setUint32(slot, at, true);
      slot += 4;
      const item = items[next++]!;
      out.set(item, HEADER + offsetsBytes + at);
      at += item.length;
    }
    view.setUint32(slot, at, true);
    slot += 4;
  }
  return out;
}

/**
 * A 32-bit FNV-1a over bytes taken four at a time (a little-endian word per step), as 8 hex digits, with the length
 * mixed in last: a part is about 20 MB at 5,000 articles, and a byte-wise loop was a tenth of the load.
 */
export function bytesChecksum(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  const words = bytes.length >>> 2;
  // a word view needs 4-byte alignment: a buffer read whole starts aligned; any other is copied once
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  const view = new Uint32Array(aligned.buffer, aligned.byteOffset, words);
  if (LITTLE_ENDIAN) for (let i = 0; i < words; i++) h = Math.imul(h ^ view[i]!, 0x01000193);
  else for (let i = 0; i < words; i++) h = Math.imul(h ^ (bytes[4 * i]! | (bytes[4 * i + 1]! << 8) | (bytes[4 * i + 2]! << 16) | (bytes[4 * i + 3]! << 24)), 0x01000193);
  for (let i = words << 2; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  h = Math.imul(h ^ bytes.length, 0x01000193);
  return `fnv1a:${(h >>> 0).toString(16).padStart(8, '0')}`;
}

/**
 * JSON with every character outside ASCII written as a \\u escape: the same value once parsed, but a file that
 * reads into a one-byte string without UTF-8 decoding (reading a main file with a few accents took longer than
 * parsing it).
 */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The reference a main file keeps for a packed part. */
export function searchPartRef(name: string, bytes: Uint8Array): SearchPartRef {
  return { name, checksum: bytesChecksum(bytes), bytes: bytes.length };
}

const damaged = (ref: SearchPartRef, why: string) => new SitrepError('invalid_index', `index search part ${ref.name} is damaged or belongs to another build (${why}); run \`sitrep build\``);

/**
 * The lists of a search part, checked whole before anything is returned (size, checksum, header, offsets), so a
 * damaged part is refused at load and nothing is half-loaded. Items are made into strings when read.
 */
export function unpackSearchPart(ref: SearchPartRef, bytes: Uint8Array, expected: { terms: number; passages: number }): SearchLists {
  if (bytes.length !== ref.bytes) throw damaged(ref, `${bytes.length} bytes, not ${ref.bytes}`);
  if (bytesChecksum(bytes) !== ref.checksum) throw damaged(ref, 'its checksum does not match');
  if (bytes.length < HEADER || MAGIC.some((b, i) => bytes[i] !== b)) throw damaged(ref, 'not a search part');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const T = view.getUint32(4, true);
  const D = view.getUint32(8, true);
  if (T !== expected.terms || D !== expected.passages) throw damaged(ref, `${T} terms and ${D} passages, not ${expected.terms} and ${expected.passages}`);
  const count = T + 1 + 2 * (D + 1);
  const data = HEADER + 4 * count;
  if (data > bytes.length) throw damaged(ref, 'cut short');
  const offsets = new Uint32Array(count);
  for (let i = 0; i < count; i++) offsets[i] = view.getUint32(HEADER + 4 * i, true);
  // the lists lie back to back, so the offsets never decrease from the first (0) to the last (the data's size)
  for (let i = 1; i < count; i++) if (offsets[i]! < offsets[i - 1]!) throw damaged(ref, 'offsets out of order');
  if (offsets[0] !== 0 || data + offsets[count - 1]! !== bytes.length) throw damaged(ref, 'cut short');
  const decoder = new TextDecoder();
  const list = (first: number, length: number, text: (start: number, end: number) => string, own = {}) =>
    lazyArray(length, (i) => text(data + offsets[first + i]!, data + offsets[first + i + 1]!), own);
  // the ASCII lists carry their bytes, which scoring parses where they lie (byte-items.ts)
  const ascii = (first: number, length: number) => {
    const items: ByteItems = { bytes, starts: offsets, base: data, first };
    return list(first, length, (s, e) => asciiOf(bytes, s, e), { [ITEM_BYTES]: items });
  };
  return {
    postings: ascii(0, T),
    docs: ascii(T + 1, D),
    annotations: list(T + D + 2, D, (s, e) => (s === e ? '' : decoder.decode(bytes.subarray(s, e)))),
  };
}
