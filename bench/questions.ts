import { namePool } from './synthetic.ts';
import { createRng, mixSeed, type Rng } from './synthetic-vocab.ts';

/**
 * The fixed question mix of the benchmark: the kinds of question the product gets, each asked once per round.
 * Three names come from the synthetic corpus's most frequent people so "who is X" finds someone there too.
 */
export function benchQuestions(seed: number): string[] {
  const [first, second, third] = namePool(seed);
  return [
    // casualty and other figures
    'latest casualty figures',
    'How many people have been killed?',
    'What is the death toll so far?',
    'How many civilians died in the fighting?',
    'how many soldiers were killed in the clashes',
    'How many people were injured?',
    'casualties in Battambang',
    'How many Cambodian soldiers are to be released?',
    'How long is the border between Thailand and Cambodia?',
    'How long did the July conflict last?',
    // displaced
    'How many people have been displaced?',
    'how many displaced?',
    'How many people fled their homes in Cambodia?',
    'how many Thai citizens were evacuated from border provinces',
    // who is X, who is the <role>
    'Who is Tea Seiha?',
    'who is Surasant Kongsiri',
    'Who is Anutin?',
    `Who is ${first}?`,
    `who is ${second}`,
    `What did ${third} say?`,
    'Who is the spokesman of the Thai Defence Ministry?',
    'who is the Thai defence minister?',
    'Who is the Malaysian foreign minister?',
    "Who is China's special envoy?",
    // who mediated
    'who mediated the October accord',
    'Who brokered the ceasefire?',
    'who witnessed the Kuala Lumpur Peace Accord',
    // when
    "When is the defence ministers' dialogue scheduled?",
    'When did the ceasefire talks resume?',
    'when will the General Border Committee meet',
    'When was the peace agreement signed?',
    // where
    'Where are the military talks being held?',
    'where was the special ASEAN meeting held',
    'Which provinces does the joint border survey cover?',
    // what was agreed, demands, statements
    'What did Thailand and Cambodia agree on in the talks before the peace agreement signing?',
    'what was agreed at the General Border Committee',
    'What is Thailand asking Cambodia to do?',
    "What did Singapore's foreign minister say?",
    'What is China doing about the conflict?',
    'What happened in Battambang?',
    // latest, timeline
    'latest news',
    "what's the latest on the ceasefire talks?",
    'timeline of the border conflict',
    // off-topic and hostile
    'What is the weather in Bangkok tomorrow?',
    'Who won the 2022 World Cup?',
    'best recipe for pad thai',
    'title:ceasefire ~2 +-^ "unbalanced',
    '<@U123> @channel any update on demining?',
  ];
}

const TOPICS = [
  'the ceasefire talks', 'the peace agreement', 'the border conflict', 'the evacuation orders', 'the prisoner release',
  'the hostages', 'the air strikes', 'demining', 'the border survey', 'the General Border Committee', 'the fires',
  'the aid convoys', 'the refugee camps', 'the power outages', 'the investigation', 'the military talks', 'the truce',
  'the humanitarian corridor', 'the reconstruction', 'the sanctions', 'the drone attacks', 'the curfew',
];
const ROLES = [
  'Thai defence minister', 'Cambodian defence minister', 'Thai foreign minister', 'Cambodian foreign minister',
  'army spokesman', 'Thai prime minister', 'Malaysian foreign minister', 'fire chief', 'Israeli prime minister',
  'Pakistani army spokesman', 'Indian foreign secretary', 'mayor of Los Angeles', 'Hamas negotiator',
  "China's special envoy", 'ASEAN chair', 'police chief', 'health minister', 'interior minister',
];
const KINDS = ['killed', 'injured', 'wounded', 'displaced', 'evacuated', 'arrested', 'missing', 'detained', 'rescued'];
const GROUPS = ['people', 'civilians', 'soldiers', 'children', 'hostages', 'firefighters', 'villagers', 'prisoners'];
const CITIES = ['Lagos', 'Oslo', 'Lima', 'Hanoi', 'Nairobi', 'Quito', 'Perth', 'Cusco', 'Bergen', 'Tbilisi'];

/** Swaps two inner letters of one long word: the misspellings chat users type. */
function misspell(question: string, rng: Rng): string {
  const words = question.split(' ');
  const long = words.map((w, i) => [w, i] as const).filter(([w]) => /^[a-z]{7,}$/i.test(w));
  if (!long.length) return question;
  const [word, i] = long[rng.int(0, long.length - 1)]!;
  const k = rng.int(1, word.length - 3);
  words[i] = word.slice(0, k) + word[k + 1] + word[k] + word.slice(k + 2);
  return words.join(' ');
}

/**
 * `count` distinct questions of every kind the product gets, over the news corpus's people and places, with
 * misspellings, chat furniture and off-topic ones: the benchmark asks each once. The fixed mix comes first.
 */
export function newsQuestions(seed: number, count: number, names: string[], places: readonly string[]): string[] {
  const rng = createRng(mixSeed(seed, 0x71756573));
  const pick = <T>(items: readonly T[]) => items[Math.floor(items.length * rng.next() ** 1.5)]!;
  const out = new Set(benchQuestions(seed).map((q) => q));
  const templates: Array<() => string> = [
    () => `Who is ${pick(names)}?`,
    () => `who is ${pick(names).split(' ')[1]}`,
    () => `What did ${pick(names)} say about ${rng.pick(TOPICS)}?`,
    () => `Who is the ${rng.pick(ROLES)}?`,
    () => `How many ${rng.pick(GROUPS)} were ${rng.pick(KINDS)} in ${rng.pick(places)}?`,
    () => `${rng.pick(GROUPS)} ${rng.pick(KINDS)} in ${rng.pick(places)}`,
    () => `What is the death toll in ${rng.pick(places)}?`,
    () => `How many ${rng.pick(GROUPS)} have been ${rng.pick(KINDS)} since ${rng.pick(['July', 'October', 'the ceasefire', 'the weekend', 'March'])}?`,
    () => `When did ${rng.pick(TOPICS)} ${rng.pick(['begin', 'resume', 'end', 'start'])}?`,
    () => `When will ${rng.pick(TOPICS)} ${rng.pick(['resume', 'be discussed', 'end'])} in ${rng.pick(places)}?`,
    () => `Where ${rng.pick(['are', 'were'])} ${rng.pick(TOPICS)} held?`,
    () => `What happened in ${rng.pick(places)}?`,
    () => `What happened in ${rng.pick(places)} on ${rng.int(1, 28)} ${rng.pick(['March', 'July', 'October', 'December'])}?`,
    () => `what's the latest on ${rng.pick(TOPICS)}?`,
    () => `latest news on ${rng.pick(TOPICS).replace(/^the /, '')} in ${rng.pick(places)}`,
    () => `What was agreed about ${rng.pick(TOPICS)}?`,
    () => `Why did ${rng.pick(TOPICS)} ${rng.pick(['stall', 'collapse', 'resume'])}?`,
    () => `timeline of ${rng.pick(TOPICS)}`,
    () => `What is ${pick(names)} asking ${rng.pick(['Thailand', 'Cambodia', 'Israel', 'India'])} to do?`,
    () => `What is the weather in ${rng.pick(CITIES)} ${rng.pick(['tomorrow', 'today', 'this weekend'])}?`,
    () => `Who won the ${rng.int(1990, 2024)} ${rng.pick(['World Cup', 'Tour de France', 'Super Bowl'])}?`,
    () => `<@U${rng.int(100, 999)}> any update on ${rng.pick(TOPICS).replace(/^the /, '')}?`,
    () => `title:${rng.pick(KINDS)} ~${rng.int(1, 3)} +-^ "${rng.pick(places)}`,
  ];
  for (let tries = 0; out.size < count && tries < count * 50; tries++) {
    let question = rng.pick(templates)();
    if (rng.next() < 0.1) question = misspell(question, rng);
    out.add(question);
  }
  return [...out].slice(0, count);
}
