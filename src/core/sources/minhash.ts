/**
 * Near-duplicate detection for syndicated copies: MinHash signatures over word 4-shingles of an article's body.
 * Written here rather than taken from a library because it is twenty lines and must run unchanged in workerd.
 */
const SHINGLE_WORDS = 4;
const HASHES = 64;

/** Copies of one wire story with small edits score well above this; different stories on one topic well below. */
export const NEAR_DUPLICATE_SIMILARITY = 0.5;

/** FNV-1a, 32 bits: a fast string hash, stable across processes and releases. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

// Fixed odd multipliers and offsets: signatures stay comparable across processes and releases.
const COEFFICIENTS = Array.from({ length: HASHES }, (_, i) => [(fnv1a(`a${i}`) | 1) >>> 0, fnv1a(`b${i}`)] as const);

/** The body's word shingles (lowercase letters and digits). */
export function shingles(text: string): Set<string> {
  const words = text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const out = new Set<string>();
  for (let i = 0; i + SHINGLE_WORDS <= Math.max(words.length, SHINGLE_WORDS); i++) out.add(words.slice(i, i + SHINGLE_WORDS).join(' '));
  return out;
}

/** A MinHash signature of a text, as a compact string. */
export function signatureOf(text: string): string {
  const mins = new Array<number>(HASHES).fill(0xffffffff);
  for (const shingle of shingles(text)) {
    const h = fnv1a(shingle);
    for (let i = 0; i < HASHES; i++) {
      const [a, b] = COEFFICIENTS[i]!;
      const v = (Math.imul(a, h) + b) >>> 0;
      if (v < mins[i]!) mins[i] = v;
    }
  }
  return mins.map((v) => v.toString(36)).join(',');
}

/** Estimated Jaccard similarity of the shingle sets behind two signatures (0..1). */
export function similarity(a: string, b: string): number {
  const x = a.split(',');
  const y = b.split(',');
  if (x.length !== y.length) return 0;
  let same = 0;
  for (let i = 0; i < x.length; i++) if (x[i] === y[i]) same++;
  return same / x.length;
}
