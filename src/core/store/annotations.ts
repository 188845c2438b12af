import { emptySlots, lazyArray } from './lazy-array.ts';
import { keepRecent } from './recent.ts';

/** A name's type as stored: p(erson), o(rganisation), g (place), n (unknown). */
export type NameCode = 'p' | 'o' | 'g' | 'n';

/**
 * What the index keeps of a passage's annotation, compactly: its section heading, live-blog time and day, names
 * `[start, end, type]`, quantities `[start, end, value, head]` and times `[start, end, "HH:MM"]`.
 */
export interface StoredAnnotation {
  s?: string;
  t?: string;
  /** the day a live blog's day line gives, when it is not the article's date */
  d?: string;
  /** for a list item: the sentence introducing the list ("The Governor also announced the following actions:") */
  l?: string;
  n?: Array<[number, number, NameCode]>;
  q?: Array<[number, number, number, string]>;
  tm?: Array<[number, number, string]>;
}

/** A passage's annotation as the index file stores it: its JSON, or "" when it has none. */
export function encodeAnnotation(a: StoredAnnotation): string {
  return a.s === undefined && a.t === undefined && a.d === undefined && a.l === undefined && !a.n && !a.q && !a.tm ? '' : JSON.stringify(a);
}

export function decodeAnnotation(text: string): StoredAnnotation {
  return text ? (JSON.parse(text) as StoredAnnotation) : {};
}

/** Most passages whose annotations are kept decoded at once (about 4 MB of objects; a Worker has 128 MB in all). */
export const MAX_DECODED = 20_000;

/** Where lazyAnnotations keeps the encoded texts (see encodedAnnotation). */
const ENCODED = Symbol('encoded annotations');

/**
 * A passage's annotation as stored (JSON text, "" for none), without decoding it: a question that looks for one field
 * across many passages tests the text first. Annotations that were never encoded are encoded here.
 */
export function encodedAnnotation(annotations: StoredAnnotation[], p: number): string {
  const encoded = (annotations as unknown as Record<symbol, string[] | undefined>)[ENCODED];
  return encoded ? encoded[p] ?? '' : encodeAnnotation(annotations[p] ?? {});
}

/**
 * The passages' annotations as an array that decodes each one when it is first read: loading parses one string a
 * passage instead of an object tree, and a question decodes the few passages it looks at.
 */
export function lazyAnnotations(encoded: string[]): StoredAnnotation[] {
  const decoded = emptySlots<StoredAnnotation>(encoded.length);
  // Past MAX_DECODED passages the oldest is dropped (decoded again if read again).
  const kept = keepRecent(MAX_DECODED, (i) => { decoded[i] = undefined; });
  return lazyArray(encoded.length, (i) => {
    let annotation = decoded[i];
    if (!annotation) {
      annotation = decoded[i] = decodeAnnotation(encoded[i]!);
      kept(i);
    }
    return annotation;
  }, { [ENCODED]: encoded });
}

export interface PassageContext {
  section: string | null;
  time: string | null;
  /** the day of the entry, when a dated line above it differs from the article's date */
  day?: string | null;
  /** a list item's lead-in sentence */
  lead?: string | null;
}

/** Each form of a country to its forms, the first country listing it winning (as a scan in order would). */
const countriesByForm = new WeakMap<string[][], Map<string, string[]>>();

/** The forms of a country the corpus names ("pakistan", "pakistani"), found by any one of them. */
export function countryFormsOf(countries: string[][], word: string): string[] | null {
  let byForm = countriesByForm.get(countries);
  if (!byForm) {
    byForm = new Map();
    for (const forms of countries) for (const form of forms) if (!byForm.has(form)) byForm.set(form, forms);
    countriesByForm.set(countries, byForm);
  }
  return byForm.get(word.toLowerCase().replace(/'s$/, '')) ?? null;
}


/** The country's name for a form of it ("Qatari" -> "Qatar"), or null when the word names no country. */
export function countryNameOf(countries: string[][], word: string): string | null {
  return countryFormsOf(countries, word)?.[0] ?? null;
}

