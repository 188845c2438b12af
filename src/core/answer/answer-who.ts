import { describePerson, findPeopleByName, findPersonByRole } from './answer-people.ts';
import { peopleNamedIn } from './people-index.ts';
import { isTitle } from '../annotate/entities.ts';
import { agentsIn } from './answer-places.ts';
import { boostHits, generalAnswer, pickPassages, supportLine, type ComposeContext, type Composed } from './compose.ts';
import type { Question } from '../query/question.ts';
import { stemWord } from '../annotate/spelling.ts';
import { tokenize } from '../annotate/text.ts';

const MEDIATION_CUE = /\b(broker\w*|mediat\w*|facilitat\w*|witness\w*|involvement|support|backed|host\w*|with the|acting as)\b/i;

/** Verbs whose "who" is named as an agent ("brokered by", "with the involvement of"), not next to the verb. */
const AGENT_VERBS = /^(mediat|broker|facilit|witness|host|back|support|help|involv|sponsor|arrang|negoti)/;

/** The action a who-question asks about ("attended", "signed"), unless it is a mediation verb. */
function actionConcept(ctx: ComposeContext, q: Question): ComposeContext['concepts'][number] | null {
  const m = /^\s*who\s+(?:will\s+|would\s+|did\s+|has\s+|have\s+|had\s+|is\s+|was\s+)?([a-z]+)/i.exec(q.text);
  if (!m || /^(is|was|are|were|the|a|an)$/i.test(m[1]!)) return null;
  const concept = ctx.concepts.find((c) => c.term === m[1]!.toLowerCase());
  if (!concept || [...concept.stems].some((s) => AGENT_VERBS.test(s))) return null;
  return concept;
}

/** Whether a name is the verb's subject (shortly before it) or its agent ("signed by X"). */
function nearVerb(text: string, name: string, verb: ComposeContext['concepts'][number]): boolean {
  const words = text.split(/\s+/);
  const at = words.findIndex((w) => w.includes(name.split(' ').at(-1)!));
  return words.some((w, i) => {
    if (!tokenize(w).some((t) => verb.stems.has(stemWord(t)))) return false;
    return (at < i && i - at <= 8) || (at > i && words[i + 1] === 'by' && at - i <= 6);
  });
}

/** "Who met Anutin?", "Who attended the meeting?": the people the best passages name, other than those asked about. */
function peopleInPassages(ctx: ComposeContext, q: Question, top: number[], verb?: ComposeContext['concepts'][number]): Composed | null {
  const asked = new Set(findPeopleByName(ctx.corpus.data.people, q.text));
  const found: Array<{ name: string; role: string | null; p: number }> = [];
  for (const p of top.slice(0, verb ? 8 : 4)) {
    const text = ctx.corpus.data.passages[p]![2];
    for (const person of peopleNamedIn(ctx.corpus.data.people, text)) {
      if (asked.has(person) || found.some((f) => f.name === person.name)) continue;
      if (verb && !nearVerb(text, person.name, verb)) continue;
      const role = person.roles.find((r) => r.p === p)?.role ?? person.roles[0]?.role ?? null;
      found.push({ name: person.name, role, p });
    }
  }
  if (!found.length) return null;
  const lines = [`${found.slice(0, 3).map((f) => `${f.name}${f.role ? ` (${f.role})` : ''} ${ctx.book.cite(f.p)}`).join('; ')}.`];
  for (const p of [...new Set(found.map((f) => f.p))]) lines.push(supportLine(ctx, p));
  return { lines, figures: [] };
}

/** Who-questions: a named person or role holder, the agents of a mediation, or the people next to the action asked about. */
export function whoAnswer(ctx: ComposeContext, q: Question): Composed | null {
  if (q.subject) {
    const named = findPeopleByName(ctx.corpus.data.people, q.subject);
    if (named.length) return describePerson(ctx, named[0]!);
    const byRole = findPersonByRole(ctx, q.subject);
    if (byRole) {
      const described = describePerson(ctx, byRole.person, byRole.role);
      described.lines[0] = `${byRole.person.name} - ${byRole.role.role} ${ctx.book.cite(byRole.role.p)}.`;
      return described;
    }
  }
  // "who attended / signed / spoke": people named next to that verb; "who mediated / brokered": the agents named.
  const verb = actionConcept(ctx, q);
  // "Who is the Swedish defence minister?" when the sources give that office to no one: they do not name them, and
  // whoever else stands in the passages is not the answer.
  const title = q.subject?.trim().split(/\s+/).at(-1);
  if (!verb && title && isTitle(title) && ctx.hits.length) {
    const lines = [`The sources do not name the ${q.subject!.trim().replace(/^the\s+/i, '')}.`];
    for (const p of pickPassages(ctx, ctx.hits, 2, new Set(), 1)) lines.push(supportLine(ctx, p));
    return { lines, figures: [] };
  }
  if (verb) {
    const hits = boostHits(ctx, ctx.hits, new RegExp(`\\b(${[...verb.stems].join('|')})\\w*`, 'i'), 1.8);
    const top = pickPassages(ctx, hits, 8, new Set(), 4);
    return peopleInPassages(ctx, q, top, verb) ?? generalAnswer(ctx, hits);
  }
  const hits = boostHits(ctx, ctx.hits, MEDIATION_CUE, 1.5);
  const top = pickPassages(ctx, hits, 4, new Set(), 2);
  const agents = agentsIn(ctx, top);
  if (!agents.length) return peopleInPassages(ctx, q, top) ?? generalAnswer(ctx, hits);
  const lines = [`${agents.slice(0, 4).map((a) => `${a.agent} ${ctx.book.cite(a.p)}`).join('; ')}.`];
  for (const p of [...new Set([...agents.map((a) => a.p), ...top])].slice(0, 3)) lines.push(supportLine(ctx, p));
  return { lines, figures: [] };
}
