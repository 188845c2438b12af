import { formatShortDate } from '../annotate/dates.ts';
import { describeLatest } from './digest-figures.ts';
import type { Digest } from './digest-schema.ts';

/** A titled list of lines, each a claim with its [n] markers: what every surface shows of a digest. */
export interface DigestSection {
  title: string;
  lines: string[];
}

/** The digest's sections in reading order, empty ones left out; text, Block Kit and embeds all render these. */
export function digestSections(digest: Pick<Digest, 'articles' | 'developments' | 'figureChanges' | 'upcoming'> & Partial<Pick<Digest, 'latestFigures'>>): DigestSection[] {
  const sections: DigestSection[] = [
    { title: 'New reports', lines: digest.articles.map((a) => `${formatShortDate(a.published)}: ${a.title}${a.source ? ` (${a.source})` : ''}`) },
    { title: 'Developments', lines: digest.developments.map((d) => d.text) },
    { title: 'Figures since earlier reports', lines: digest.figureChanges.map((c) => c.text) },
    { title: 'Latest figures', lines: (digest.latestFigures ?? []).map(describeLatest) },
    { title: 'Coming up', lines: digest.upcoming.map((e) => `${e.label}: ${e.text} [${e.n}]`) },
  ];
  return sections.filter((s) => s.lines.length > 0);
}

/** The digest as plain text: the headline, then each section as a titled bullet list. */
export function digestText(headline: string, sections: DigestSection[]): string {
  return [headline, ...sections.flatMap((s) => ['', `${s.title}:`, ...s.lines.map((l) => `- ${l}`)])].join('\n');
}
