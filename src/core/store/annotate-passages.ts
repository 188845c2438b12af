import { annotateSentence, type NameType, type NameVotes, type SentenceAnnotation } from '../annotate/entities.ts';
import type { AnnotationTools } from '../annotate/entities.ts';

export type { AnnotationTools };
import type { NameCode, PassageContext, StoredAnnotation } from './annotations.ts';

// Build time only (wink-nlp and the world-countries data): see build-index.ts.

const CODE: Record<NameType, NameCode> = { person: 'p', org: 'o', place: 'g', name: 'n' };

function nameKey(text: string): string {
  return text.toLowerCase().replace(/'s$/, '');
}

/**
 * Annotates every passage, then settles each name's type by the evidence of all its mentions in the corpus
 * (a name introduced once as "Sheriff Robert Luna" is a person wherever "Luna" appears alone).
 */
export function annotatePassages(passages: Array<{ text: string } & PassageContext>, tools: AnnotationTools): { annotations: StoredAnnotation[]; countries: string[][] } {
  const raw: SentenceAnnotation[] = passages.map((p) => annotateSentence(p.text, tools));
  const { countryOf } = tools;
  const votes = new Map<string, NameVotes>();
  const add = (key: string, v: NameVotes, weight = 1) => {
    const total = votes.get(key) ?? { person: 0, org: 0, place: 0 };
    total.person += v.person * weight;
    total.org += v.org * weight;
    total.place += v.place * weight;
    votes.set(key, total);
  };
  for (const a of raw) {
    for (const name of a.names) {
      add(nameKey(name.text), name.votes);
      // A person's surname alone refers to them: "Misri says" after "Foreign Secretary Vikram Misri".
      const words = name.text.split(/\s+/);
      if (words.length >= 2 && name.votes.person >= 2) add(nameKey(words.at(-1)!), { person: 1, org: 0, place: 0 });
    }
  }
  const typeOf = (text: string): NameCode => {
    const v = votes.get(nameKey(text));
    if (!v) return 'n';
    const best = Math.max(v.person, v.org, v.place);
    if (best < 0.5) return 'n';
    return v.person === best ? 'p' : v.org === best ? 'o' : 'g';
  };
  // The countries the corpus names, each with its forms, so the runtime knows "Pakistani" is Pakistan without the data set.
  const countries = new Map<string, Set<string>>();
  for (const a of raw) {
    for (const name of a.names) {
      const country = countryOf(name.text);
      if (!country) continue;
      // The first form is the country's name as written for display; the rest are lowercase.
      const forms = countries.get(country.name) ?? new Set([country.name, country.name.toLowerCase()]);
      forms.add(name.text.toLowerCase().replace(/'s$/, ''));
      if (country.demonym) forms.add(country.demonym.toLowerCase());
      countries.set(country.name, forms);
    }
  }
  // Words the corpus writes in lower case: a capitalised one at a sentence's start ("Gunmen stormed") is no name.
  const lowercase = new Set<string>();
  for (const p of passages) for (const m of p.text.matchAll(/(?<![.!?]\s|^)\b\p{Ll}[\p{L}'-]+/gu)) lowercase.add(m[0]);
  const annotations = raw.map((a, i) => {
    const out: StoredAnnotation = {};
    const context = passages[i]!;
    if (context.section) out.s = context.section;
    if (context.time) out.t = context.time;
    if (context.day) out.d = context.day;
    if (context.lead) out.l = context.lead;
    const names = a.names.filter((n) => !(n.start <= 1 && !n.text.includes(' ') && lowercase.has(n.text.toLowerCase())));
    if (names.length) out.n = names.map((n) => [n.start, n.end, typeOf(n.text)]);
    if (a.quantities.length) out.q = a.quantities.map((q) => [q.start, q.end, q.value, q.head ?? '']);
    if (a.times.length) out.tm = a.times.map((t) => [t.start, t.end, t.time]);
    return out;
  });
  return { annotations, countries: [...countries.values()].map((forms) => [...forms]) };
}

