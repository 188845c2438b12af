import type { ComposeContext } from './compose.ts';

const AGENT_PATTERNS = [
  /\bwith the (?:involvement|support|help|mediation|backing|assistance|participation) of ((?:[^,.;:]|\.(?=\S|\s+[A-Z]))+)/gi,
  /\bunder the (?:witness|auspices|mediation|watch|eye) of ((?:[^,.;:]|\.(?=\S|\s+[A-Z]))+)/gi,
  /\b(?:brokered|mediated|facilitated|witnessed|backed|hosted|arranged|negotiated)\s+by ((?:[^,.;:]|\.(?=\S|\s+[A-Z]))+)/gi,
  /\b([A-Z][\w'.-]*(?:\s+(?:[A-Z][\w'.-]*|of|and))*)\s+(?:brokered|mediated|facilitated|witnessed|hosted)\b/g,
  /\b((?:[A-Z][\w'.-]*\s+){1,6}[A-Z][\w'.-]*),?\s+(?:acting|serving|who (?:is|was|will be) acting|to act|will act) as (?:a |the )?(?:mediator|facilitator|broker|host|go-between|intermediary)\b/g,
];
const PLACE_VERB = /\b(held|hold|holding|meet|meets|meeting|met|convened?|convening|took place|take place|taking place|hosted|gathered|talks|session|summit|signed|signing|visited|opened)\b/gi;
const PLACE_NOUN = /\b(checkpoint|crossing|border|city|capital|province|district|village|town|headquarters|hotel|palace|building|base|camp|office|embassy|hall|centre|center|venue|island|region|port|airport|temple|ministry)\b/i;
const NOT_PLACE = /^((the )?(January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|\d)|a bid|an? (effort|attempt|bid|interview|statement|meeting|press)|order|talks|the (wake|face|hope|meantime|end)|response|recent|total|addition|part|line|time|particular|which|what)\b/i;
/** Who a sentence says brokered, mediated or witnessed something ("with the involvement of Malaysia and ..."). */
export function findAgents(text: string): string[] {
  const out: string[] = [];
  for (const pattern of AGENT_PATTERNS) {
    for (const m of text.matchAll(pattern)) {
      const agent = m[1]!.replace(/\s+(in|on|at|during|after|before|to|for)\s.*$/i, '').trim();
      if (agent.length > 2 && /[A-Z]/.test(agent) && !out.includes(agent)) out.push(agent);
    }
  }
  return out;
}

/** Where a sentence says something was held ("at a checkpoint along their shared frontier", "in Chanthaburi Province, Thailand"). */
export function findPlace(text: string): string | null {
  for (const verb of text.matchAll(PLACE_VERB)) {
    const after = text.slice((verb.index ?? 0) + verb[0].length, (verb.index ?? 0) + verb[0].length + 160);
    const preposition = /\b(at|in|near|inside|on the sidelines of) ((?:a |an |the )?[^,;.]+(?:, [A-Z][\w-]+(?: [A-Z][\w-]+)*)?)/.exec(after);
    if (!preposition) continue;
    const phrase = preposition[2]!.split(/\s+/).slice(0, 12).join(' ').replace(/\s+(on|during|after|before|to|for|with|and|as|where|when|which|that|earlier|later|this|last|next|yesterday|today|tomorrow|under|amid)\b.*$/i, '');
    if (NOT_PLACE.test(phrase)) continue;
    if (/^(?:(?:a|an|the)\s+)?[A-Z]/.test(phrase) || PLACE_NOUN.test(phrase.split(/\s+/).slice(0, 4).join(' '))) {
      return `${preposition[1]} ${phrase}`;
    }
  }
  const held = /^(?:Held|Hosted|Convened|Meeting) ((?:at|in|near) [^,;]{3,80})/.exec(text);
  return held ? held[1]! : null;
}

/** Agents named across the given passages, each with its citation. */
export function agentsIn(ctx: ComposeContext, passages: number[]): Array<{ agent: string; p: number }> {
  const found: Array<{ agent: string; p: number }> = [];
  for (const p of passages) {
    for (const agent of findAgents(ctx.corpus.data.passages[p]![2])) {
      if (!found.some((f) => f.agent.toLowerCase() === agent.toLowerCase())) found.push({ agent, p });
    }
  }
  return found;
}
