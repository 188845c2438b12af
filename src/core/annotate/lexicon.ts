/** General news vocabulary: synonym groups for query expansion and country names with their adjectives. */

/** Each group's words meet at query time: asking with one finds sentences with the others. */
export const SYNONYM_GROUPS: string[][] = [
  ['killed', 'kill', 'killing', 'dead', 'death', 'deaths', 'died', 'die', 'fatalities', 'fatality', 'toll', 'casualties', 'casualty', 'lives', 'slain'],
  ['injured', 'injury', 'injuries', 'wounded', 'hurt', 'casualties', 'casualty', 'injuring'],
  ['displaced', 'displacement', 'evacuated', 'evacuation', 'evacuations', 'evacuees', 'evacuee', 'fled', 'flee', 'refugees', 'homeless', 'uprooted', 'homes', 'shelters', 'camps'],
  ['detained', 'detention', 'captured', 'prisoners', 'prisoner', 'release', 'released', 'freed', 'detainees', 'held'],
  ['mediated', 'mediate', 'mediation', 'mediator', 'mediators', 'brokered', 'broker', 'facilitated', 'facilitate', 'facilitator', 'witnessed', 'witness', 'involvement', 'support', 'backed', 'helped'],
  ['accord', 'agreement', 'agreements', 'declaration', 'truce', 'ceasefire', 'deal', 'pact', 'treaty', 'accords'],
  ['talks', 'meeting', 'meet', 'dialogue', 'negotiations', 'discussions', 'summit', 'session', 'committee', 'met'],
  ['ask', 'asking', 'asked', 'request', 'requested', 'demand', 'demanded', 'demands', 'insist', 'insisted', 'urge', 'urged', 'call', 'called', 'want', 'wants'],
  ['border', 'frontier', 'boundary'],
  ['buildings', 'building', 'structures', 'structure', 'homes', 'houses', 'properties'],
  ['claimed', 'claim', 'claims', 'responsibility', 'responsible', 'carried', 'perpetrated', 'behind'],
  ['shooting', 'shootings', 'shot', 'shoot', 'gunfire', 'gunmen', 'gunman', 'opened fire', 'fired'],
  ['massacre', 'attack', 'attacks', 'killings', 'shooting', 'assault', 'ambush'],
  ['soldiers', 'troops', 'military', 'army', 'forces', 'militaries', 'personnel', 'servicemen'],
  ['scheduled', 'planned', 'expected', 'due', 'upcoming', 'forthcoming', 'set'],
  ['said', 'say', 'says', 'stated', 'told', 'wrote', 'statement', 'urge', 'announced'],
  ['held', 'hosted', 'venue', 'convened', 'took', 'place', 'location'],
  ['long', 'length', 'lasted', 'kilometre', 'kilometer', 'miles', 'days'],
  ['fighting', 'clashes', 'conflict', 'hostilities', 'war', 'violence'],
  ['agreed', 'agree', 'agreement', 'agreements', 'committed', 'consensus'],
  ['signing', 'signed', 'sign', 'ceremony'],
  ['spokesman', 'spokeswoman', 'spokesperson'],
  ['leader', 'head', 'chief'],
  ['officials', 'official', 'representatives', 'representative', 'delegates', 'delegation', 'envoys', 'generals', 'officers'],
  ['landmines', 'mines', 'demining', 'mine'],
  ['start', 'started', 'starts', 'began', 'begin', 'begun', 'beginning', 'effect', 'erupted', 'erupt', 'reignited', 'flared', 'outbreak', 'broke', 'break', 'ignited', 'sparked', 'commenced', 'commence', 'launched', 'launch'],
  ['end', 'ended', 'ends', 'halted', 'halt', 'stopped', 'stop', 'ceased', 'conclude', 'concluded'],
  ['collapse', 'collapsed', 'failed', 'fail', 'breakdown', 'violations', 'violation', 'violated', 'unravel', 'renewed'],
  ['why', 'because', 'reason', 'reasons', 'due', 'after', 'blamed', 'blaming', 'accuse', 'accused'],
  ['succeed', 'succeeded', 'success', 'successful', 'successfully', 'progress', 'breakthrough', 'achieved', 'outcome', 'outcomes', 'results'],
  ['obstacle', 'obstacles', 'challenge', 'challenges', 'difficulty', 'difficulties', 'problem', 'problems', 'hurdle', 'hurdles', 'barrier', 'barriers', 'risk', 'risks'],
  ['remain', 'remains', 'remaining', 'remained', 'still', 'left'],
  ['back', 'return', 'returns', 'returning', 'returned'],
  // "how deep / high / wide / big / heavy / far": the measure the sources name
  ['earthquake', 'quake', 'tremor', 'temblor'],
  ['deep', 'depth'],
  ['high', 'height', 'tall'],
  ['wide', 'width'],
  ['big', 'size', 'large'],
  ['heavy', 'weight'],
  ['far', 'distance'],
  ['weapons', 'weapon', 'artillery', 'shelling', 'shelled', 'shells', 'rockets', 'strikes', 'drones', 'mines', 'landmines', 'arms'],
];

/** Country names with their adjectives and short forms; a mention of either finds the other. */
export const COUNTRIES: Array<[string, ...string[]]> = [
  ['thailand', 'thai', 'thais'], ['cambodia', 'cambodian', 'cambodians'], ['malaysia', 'malaysian'],
  ['singapore', 'singaporean'], ['china', 'chinese', 'beijing'], ['united states', 'american', 'americans', 'america', 'washington'],
  ['vietnam', 'vietnamese'], ['laos', 'lao', 'laotian'], ['myanmar', 'burmese', 'burma'], ['indonesia', 'indonesian'],
  ['philippines', 'philippine', 'filipino'], ['japan', 'japanese'], ['india', 'indian'], ['russia', 'russian'],
  ['ukraine', 'ukrainian'], ['israel', 'israeli'], ['palestine', 'palestinian'], ['iran', 'iranian'],
  ['united kingdom', 'uk', 'british', 'britain'], ['france', 'french'], ['germany', 'german'], ['australia', 'australian'],
  ['south korea', 'korean'], ['pakistan', 'pakistani'], ['brunei', 'bruneian'], ['sudan', 'sudanese'],
];

const COUNTRY_OF = new Map<string, string>();
for (const [name, ...forms] of COUNTRIES) {
  for (const form of [name, ...forms]) COUNTRY_OF.set(form, name);
}

/** "thai" -> "thailand"; other words unchanged. */
export function canonicalCountry(word: string): string {
  return COUNTRY_OF.get(word.toLowerCase().replace(/'s$/, '')) ?? word.toLowerCase();
}

export function isCountryWord(word: string): boolean {
  return COUNTRY_OF.has(word.toLowerCase().replace(/'s$/, ''));
}

/** Every form of a country word ("thai" -> thailand, thai, thais). */
export function countryForms(word: string): string[] {
  const name = COUNTRY_OF.get(word.toLowerCase());
  if (!name) return [];
  const entry = COUNTRIES.find(([n]) => n === name)!;
  return entry.flatMap((f) => f.split(/\s+/)).filter((f) => f.length > 1 && !f.includes('.'));
}
