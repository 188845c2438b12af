/** Word pools, a seeded PRNG and number spelling for the synthetic benchmark corpus. */

/** A seeded random source: the generator never touches Math.random. */
export interface Rng {
  /** uniform in [0, 1) */
  next(): number;
  /** integer in [min, max] */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
}

/** Mixes integers into one 32-bit seed (a few rounds of a murmur-style finaliser). */
export function mixSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    h = Math.imul(h ^ (part >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** mulberry32: small, fast, and good enough to vary a corpus. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
  };
}

/** Given names and family names of the region (and beyond); combined they give thousands of people. */
export const GIVEN_NAMES = [
  'Somchai', 'Prasert', 'Wichai', 'Kittisak', 'Anan', 'Chatchai', 'Surachai', 'Thanakorn', 'Nattawut', 'Pichit',
  'Siriporn', 'Kanokwan', 'Ratana', 'Malee', 'Supaporn', 'Arunee', 'Pornthip', 'Wanida', 'Sopheap', 'Chanthy',
  'Vuthy', 'Sokha', 'Dara', 'Bopha', 'Sreymom', 'Rithy', 'Vannak', 'Sovann', 'Kosal', 'Pisey',
  'Azlan', 'Farid', 'Nurul', 'Hafiz', 'Siti', 'Rahman', 'Liang', 'Wei', 'Mei', 'Jun',
  'Minh', 'Thanh', 'Linh', 'Anh', 'Rizal', 'Ayu', 'Joko', 'Maria', 'Elena', 'Thomas',
  'Daniel', 'Sarah', 'James', 'Amelia', 'Hiroshi', 'Yuki', 'Arjun', 'Priya', 'Omar', 'Layla',
] as const;

export const FAMILY_NAMES = [
  'Wongsakul', 'Srisuk', 'Chaiyaphum', 'Rattanakorn', 'Boonmee', 'Thongdee', 'Saetang', 'Jaidee', 'Kaewmanee', 'Phromphan',
  'Sukhumvit', 'Chantarasak', 'Inthanon', 'Phanthong', 'Yodkhao', 'Suwannarat', 'Prasertsri', 'Kongkaew', 'Siriwat', 'Nakprasit',
  'Sok', 'Chea', 'Keo', 'Heng', 'Meas', 'Ouk', 'Sam', 'Prak', 'Touch', 'Vong',
  'Nhem', 'Chhun', 'Lim', 'Kim', 'Seng', 'Phal', 'Yim', 'Chan', 'Ros', 'Sar',
  'Ibrahim', 'Abdullah', 'Hamzah', 'Yusof', 'Ismail', 'Tan', 'Lee', 'Ng', 'Goh', 'Chua',
  'Nguyen', 'Tran', 'Pham', 'Santoso', 'Wijaya', 'Reyes', 'Cruz', 'Morgan', 'Fischer', 'Laurent',
  'Bennett', 'Hayes', 'Tanaka', 'Sato', 'Mehta', 'Rao', 'Haddad', 'Mansour', 'Okafor', 'Novak',
] as const;

/** Border provinces, towns and crossings: real names first, then made-up villages for a wider vocabulary. */
export const PLACE_NAMES = [
  'Surin', 'Si Sa Ket', 'Ubon Ratchathani', 'Buriram', 'Trat', 'Sa Kaeo', 'Chanthaburi', 'Oddar Meanchey',
  'Preah Vihear', 'Banteay Meanchey', 'Battambang', 'Pursat', 'Koh Kong', 'Pailin', 'Siem Reap', 'Aranyaprathet',
  'Poipet', 'Ta Phraya', 'Kantharalak', 'Samraong', 'Anlong Veng', 'Khlong Yai', 'Chong Chom', 'Ban Kruat',
  'Kap Choeng', 'Phanom Dong Rak', 'Nam Yuen', 'Khun Han', 'Kantharom', 'Prasat', 'Cham Yeam', 'Boeung Trakuon',
] as const;

const VILLAGE_HEADS = ['Ban', 'Phum', 'Nong', 'Khok', 'Huai', 'Tha', 'Kampong', 'Prey', 'Don', 'Wat'] as const;
const VILLAGE_TAILS = [
  'Sarai', 'Kradan', 'Thmei', 'Chrey', 'Lamduan', 'Khiao', 'Samrong', 'Ampil', 'Krasang', 'Chan',
  'Kruat', 'Thom', 'Lhong', 'Sala', 'Takhian', 'Phlu', 'Daeng', 'Luang', 'Yai', 'Noi',
] as const;

/** Every village name of the made-up pool: head + tail. */
export const VILLAGE_NAMES: readonly string[] = VILLAGE_HEADS.flatMap((h) => VILLAGE_TAILS.map((t) => `${h} ${t}`));

export const SOURCES = [
  'Reuters', 'Agence France-Presse', 'Associated Press', 'Bangkok Post', 'Khmer Times', 'The Nation',
  'Xinhua', 'The Straits Times', 'Nikkei Asia', 'LatestNewsWorld',
] as const;

const ONES = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
  'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

function belowThousand(n: number): string {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  const parts: string[] = [];
  if (hundreds) parts.push(`${ONES[hundreds]} hundred`);
  if (rest) {
    const words = rest < 20 ? ONES[rest]! : `${TENS[Math.floor(rest / 10)]}${rest % 10 ? `-${ONES[rest % 10]}` : ''}`;
    parts.push(hundreds ? `and ${words}` : words);
  }
  return parts.join(' ');
}

/** 525000 -> "five hundred and twenty-five thousand" (integers below a trillion). */
export function numberToWords(n: number): string {
  if (n === 0) return 'zero';
  const scales: Array<[number, string]> = [[1e9, 'billion'], [1e6, 'million'], [1e3, 'thousand']];
  const parts: string[] = [];
  let rest = Math.floor(n);
  for (const [size, name] of scales) {
    if (rest >= size) {
      parts.push(`${belowThousand(Math.floor(rest / size))} ${name}`);
      rest %= size;
    }
  }
  if (rest) parts.push(parts.length && rest < 100 ? `and ${belowThousand(rest)}` : belowThousand(rest));
  return parts.join(' ');
}

/** 525000 -> "525,000". */
export function formatDigits(n: number): string {
  return n.toLocaleString('en-US');
}
