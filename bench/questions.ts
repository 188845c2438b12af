import { namePool } from './synthetic.ts';

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
