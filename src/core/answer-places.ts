import type { ComposeContext } from './compose.ts';

const AGENT_PATTERNS = [
  /\bwith the (?:involvement|support|help|mediation|backing|assistance|participation) of ([^,.;:]+)/gi,
  /\bunder the (?:witness|auspices|mediation|watch|eye) of ([^,.;:]+)/gi,
  /\b(?:brokered|mediated|facilitated|witnessed|backed|hosted|arranged|negotiated)\s+by ([^,.;:]+)/gi,
  /\b([A-Z][\w'.-]*(?:\s+(?:[A-Z][\w'.-]*|of|and))*)\s+(?:brokered|mediated|facilitated|witnessed|hosted)\b/g,
];
const PLACE_PATTERNS = [
  /\b(?:held|hold|holding|meet|meeting|met|convened?|convening|took place|take place|taking place|hosted|gathered|talks|session|summit)\b[^.;]*?\b((?:at|in|near|inside) (?:a |an |the )?[^,.;]{3,80}(?:, [A-Z][\w-]+(?: [A-Z][\w-]+)*)?)/i,
  /^(?:Held|Hosted|Meeting|Convened) ((?:at|in|near) [^,;]{3,80})/i,
];

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

/** Where a sentence says something was held ("at a checkpoint along their shared frontier"). */
export function findPlace(text: string): string | null {
  for (const pattern of PLACE_PATTERNS) {
    const m = pattern.exec(text);
    if (m) return m[1]!.replace(/\s+(on|during|after|before|to|for|with)\s.*$/i, '').trim();
  }
  return null;
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
