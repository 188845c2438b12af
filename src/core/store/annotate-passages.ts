import { annotateSentence, type NameType, type NameVotes } from '../annotate/entities.ts';
import type { NumberSpan } from '../annotate/numbers.ts';
import type { AnnotationTools } from '../annotate/entities.ts';

export type { AnnotationTools };
import type { NameCode, PassageContext, StoredAnnotation } from './annotations.ts';

// Build time only (wink-nlp and the world-countries data): see build-index.ts.

const CODE: Record<NameType, NameCode> = { person: 'p', org: 'o', place: 'g', name: 'n' };

function nameKey(text: string): string {
  return text.toLowerCase().replace(/'s$/, '');
}

/** Annotates passages as the build meets them (`add`), then settles names corpus-wide (`finish`). */
export interface PassageAnnotator {
  /** `numbers`: the sentence's numbers, when the caller has found them already */
  add(text: string, numbers?: NumberSpan[]): void;
  finish(contexts: PassageContext[]): { annotations: StoredAnnotation[]; countries: string[][] };
}

/**
 * Annotates each passage when added, then settles each name's type by the evidence of all its mentions in the corpus
 * (a name introduced once as "Sheriff Robert Luna" is a person wherever "Luna" appears alone). Of a passage it keeps
 * only where its names are and its quantities and times as stored: holding every sentence's annotation objects until
 * the end made garbage collection the largest cost of a 50,000-article build.
 */
export function passageAnnotator(tools: AnnotationTools): PassageAnnotator {
  const { countryOf } = tools;
  const votes = new Map<string, NameVotes>();
  const add = (key: string, v: NameVotes, weight = 1) => {
    const total = votes.get(key) ?? { person: 0, org: 0, place: 0 };
    total.person += v.person * weight;
    total.org += v.org * weight;
    total.place += v.place * weight;
    votes.set(key, total);
  };
  // The countries the corpus names, each with its forms, so the runtime knows "Pakistani" is Pakistan without the data set.
  const countries = new Map<string, Set<string>>();
  // Words the corpus writes in lower case: a capitalised one at a sentence's start ("Gunmen stormed") is no name.
  const lowercase = new Set<string>();
  const texts: string[] = [];
  // Passage i's names are the [start, end) pairs from nameOffsets[firstName[i]] to nameOffsets[firstName[i + 1]].
  const nameOffsets: number[] = [];
  const firstName: number[] = [];
  const quantities: Array<StoredAnnotation['q']> = [];
  const times: Array<StoredAnnotation['tm']> = [];
  return {
    add(text, numbers) {
      const a = annotateSentence(text, tools, numbers);
      texts.push(text);
      firstName.push(nameOffsets.length);
      for (const name of a.names) {
        nameOffsets.push(name.start, name.end);
        add(nameKey(name.text), name.votes);
        // A person's surname alone refers to them: "Misri says" after "Foreign Secretary Vikram Misri".
        const words = name.text.split(/\s+/);
        if (words.length >= 2 && name.votes.person >= 2) add(nameKey(words.at(-1)!), { person: 1, org: 0, place: 0 });
        const country = countryOf(name.text);
        if (!country) continue;
        // The first form is the country's name as written for display; the rest are lowercase.
        const forms = countries.get(country.name) ?? new Set([country.name, country.name.toLowerCase()]);
        forms.add(name.text.toLowerCase().replace(/'s$/, ''));
        if (country.demonym) forms.add(country.demonym.toLowerCase());
        countries.set(country.name, forms);
      }
      // match, not matchAll: the words alone, without a match object each (a million sentences' worth of garbage)
      for (const word of text.match(/(?<![.!?]\s|^)\b\p{Ll}[\p{L}'-]+/gu) ?? []) lowercase.add(word);
      quantities.push(a.quantities.length ? a.quantities.map((q) => [q.start, q.end, q.value, q.head ?? '']) : undefined);
      times.push(a.times.length ? a.times.map((t) => [t.start, t.end, t.time]) : undefined);
    },
    finish(contexts) {
      firstName.push(nameOffsets.length);
      const typeOf = (text: string): NameCode => {
        const v = votes.get(nameKey(text));
        if (!v) return 'n';
        const best = Math.max(v.person, v.org, v.place);
        if (best < 0.5) return 'n';
        return v.person === best ? 'p' : v.org === best ? 'o' : 'g';
      };
      const annotations = texts.map((text, i) => {
        const out: StoredAnnotation = {};
        const context = contexts[i]!;
        if (context.section) out.s = context.section;
        if (context.time) out.t = context.time;
        if (context.day) out.d = context.day;
        if (context.lead) out.l = context.lead;
        const names: Array<[number, number, NameCode]> = [];
        for (let k = firstName[i]!; k < firstName[i + 1]!; k += 2) {
          const start = nameOffsets[k]!;
          const name = text.slice(start, nameOffsets[k + 1]!);
          if (!(start <= 1 && !name.includes(' ') && lowercase.has(name.toLowerCase()))) names.push([start, nameOffsets[k + 1]!, typeOf(name)]);
        }
        if (names.length) out.n = names;
        if (quantities[i]) out.q = quantities[i];
        if (times[i]) out.tm = times[i];
        return out;
      });
      return { annotations, countries: [...countries.values()].map((forms) => [...forms]) };
    },
  };
}

/** Annotates every passage at once: `passageAnnotator` for passages already in hand. */
export function annotatePassages(passages: Array<{ text: string } & PassageContext>, tools: AnnotationTools): { annotations: StoredAnnotation[]; countries: string[][] } {
  const annotator = passageAnnotator(tools);
  for (const p of passages) annotator.add(p.text);
  return annotator.finish(passages);
}
