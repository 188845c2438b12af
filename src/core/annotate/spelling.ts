import lunr from 'lunr';

const OUR_WORDS = /(four|hour|your|tour|pour|flour|sour|dour|devour|scour|contour|detour|amour)s?$/;

/**
 * Irregular English verb forms -> the base form, so "broke out" meets "break out" and "met" meets "meet" (the
 * Porter stemmer only strips regular endings). General English, not any story's words. Without a prototype, so
 * "constructor" or "__proto__" in an article is a word, not one of Object's members.
 */
const IRREGULAR: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, Object.fromEntries(
  ('began:begin begun:begin broke:break broken:break brought:bring built:build came:come caught:catch chose:choose ' +
    'chosen:choose did:do done:do drew:draw drawn:draw drove:drive driven:drive fell:fall fallen:fall fled:flee ' +
    'fought:fight found:find flew:fly flown:fly forgave:forgive froze:freeze frozen:freeze gave:give given:give ' +
    'went:go gone:go grew:grow grown:grow hid:hide hidden:hide held:hold kept:keep knew:know known:know laid:lay ' +
    'led:lead left:leave lent:lend lost:lose made:make meant:mean met:meet paid:pay rode:ride ran:run rose:rise ' +
    'risen:rise sought:seek sold:sell sent:send shot:shoot shook:shake shaken:shake shut:shut sang:sing sank:sink ' +
    'sunk:sink slew:slay slain:slay spoke:speak spoken:speak spent:spend stood:stand stole:steal stolen:steal ' +
    'struck:strike stricken:strike swore:swear sworn:swear swept:sweep took:take taken:take taught:teach tore:tear ' +
    'torn:tear told:tell thought:think threw:throw thrown:throw understood:understand woke:wake woken:wake ' +
    'withdrew:withdraw withdrawn:withdraw wore:wear worn:wear won:win wrote:write written:write overtook:overtake ' +
    'undertook:undertake upheld:uphold withheld:withhold forbade:forbid forbidden:forbid arose:arise arisen:arise ' +
    'bore:bear borne:bear beat:beat bled:bleed blew:blow blown:blow  burnt:burn dealt:deal dug:dig ' +
    'fed:feed felt:feel hung:hang heard:hear hit:hit hurt:hurt lit:light oversaw:oversee overseen:oversee ' +
    'saw:see seen:see set:set spread:spread stuck:stick stung:sting strove:strive swung:swing wept:weep')
    .split(' ')
    .map((pair) => pair.split(':') as [string, string]),
));

/** Whether a word is a form of a verb: an irregular one ("hit", "broke") or a regular past or -ing form. */
export function isVerbForm(word: string): boolean {
  const lower = word.toLowerCase();
  return lower in IRREGULAR || Object.values(IRREGULAR).includes(lower) || /[^e]ed$|ing$/.test(lower);
}

/** British and American spellings meet: defence/defense, kilometre/kilometer, stabilise/stabilize, labour/labor. */
export function canonicalSpelling(word: string): string {
  const base = IRREGULAR[word];
  if (base) return base;
  if (word.length < 5) return word;
  return word
    .replace(/ence$/, (m) => (/(defen|offen|licen|preten)ce$/.test(word) ? 'ense' : m))
    .replace(/tre(s?)$/, 'ter$1')
    .replace(/isation(s?)$/, 'ization$1')
    .replace(/(?<=[a-z]{3})is(e|es|ed|ing)$/, 'iz$1')
    .replace(/(?<=[a-z]{2}[^aeiou])our(s|ed|ing)?$/, (m) => (OUR_WORDS.test(word) ? m : m.replace('our', 'or')))
    .replace(/ogue$/, 'og')
    .replace(/mme$/, 'm');
}

const spellingStep: lunr.PipelineFunction = (token) => token.update((s) => canonicalSpelling(s));
lunr.Pipeline.registerFunction(spellingStep, 'sitrepSpelling');

/** The pipeline step, registered with lunr so a serialised index can be loaded again. */
export const spellingPipelineStep = spellingStep;

const stems = new Map<string, string>();

/** A word as the index stores it: canonical spelling, then the lunr (Porter) stem (memoised: words repeat). */
export function stemWord(word: string): string {
  let stem = stems.get(word);
  if (stem === undefined) {
    stem = lunr.stemmer(new lunr.Token(canonicalSpelling(word.toLowerCase()), {})).toString();
    if (stems.size > 100_000) stems.clear();
    stems.set(word, stem);
  }
  return stem;
}
