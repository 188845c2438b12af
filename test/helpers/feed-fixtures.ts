// Feed fixtures for the fake feed server: stories written for these tests (not from the eval stories), rendered as
// RSS 2.0, Atom and JSON Feed, five syndicated copies of one wire story, a page for URL ingest.

export interface FixtureItem {
  guid: string;
  path: string;
  title: string;
  /** ISO date-time */
  date: string;
  paragraphs: string[];
}

const day = (daysAgo: number, hour = 8) => new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() - daysAgo, hour)).toISOString();

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const html = (paragraphs: string[]) => paragraphs.map((p) => `<p>${esc(p)}</p>`).join('');

/** Stories of the fixture feeds; each has a distinctive fact a question can ask about. */
export const STORIES: Record<string, FixtureItem> = {
  floods: {
    guid: 'riverwatch-1001', path: '/news/floods', title: 'Floods Force Evacuation of 12 Villages in Savannakhet', date: day(1),
    paragraphs: [
      'Rising water on the Mekong forced the evacuation of 12 villages in Savannakhet province on Monday, provincial officials said, as heavy rain continued across southern Laos.',
      'About 3,400 people were moved to shelters in schools and temples, according to the provincial disaster management office, which said no deaths had been reported.',
      'The river is expected to peak at the Savannakhet gauge later this week, the meteorological department said, urging residents of low-lying districts to stay alert.',
    ],
  },
  bridge: {
    guid: 'tag:atomwire,2026:bridge', path: '/news/bridge', title: 'Friendship Bridge Closed to Trucks After Crack Found', date: day(1, 10),
    paragraphs: [
      'Engineers closed the Mekong friendship bridge between Mukdahan and Savannakhet to heavy trucks after inspectors found a crack in a support pier, the transport ministry said.',
      'Cars and buses may still cross, but trucks heavier than 18 tonnes must use the ferry at Nakhon Phanom until repairs are finished, the ministry added.',
      'Repairs are expected to take about six weeks, according to the bridge authority, which said the crack posed no immediate danger to lighter traffic.',
    ],
  },
  rice: {
    guid: 'https://example.test/json/rice', path: '/news/rice', title: 'Rice Harvest Delayed in Flooded Provinces', date: day(0, 6),
    paragraphs: [
      'Farmers in three flooded provinces have delayed the rice harvest by at least two weeks, the agriculture ministry said on Tuesday, warning that yields could fall.',
      'The ministry estimated that 21,000 hectares of paddy fields were under water, most of them in Savannakhet and Champasak.',
      'Seed and fertiliser will be handed out to affected farmers once the water recedes, a ministry spokeswoman said.',
    ],
  },
  ferry: {
    guid: 'riverwatch-1002', path: '/news/ferry', title: 'Extra Ferries Put On at Nakhon Phanom Crossing', date: day(0, 9),
    paragraphs: [
      'Four extra ferries were put into service at the Nakhon Phanom crossing on Tuesday to carry trucks diverted from the closed friendship bridge, port officials said.',
      'Queues of up to 300 trucks formed on the Thai side overnight, according to the customs office, which said clearance would now run around the clock.',
      'The ferries can carry about 40 trucks an hour between them, the port authority said.',
    ],
  },
};

/** One wire story, reprinted by five outlets with small edits of their own. */
export const WIRE_OUTLETS = ['Delta Post', 'River Times', 'Morning Ledger', 'Valley Herald', 'Coastal Daily'];
const WIRE_BASE = [
  'A landslide blocked the main road between Pakse and the Bolaven plateau on Wednesday, cutting off at least 14 villages, district officials said.',
  'Rescue teams using two excavators were working to clear about 200 metres of mud and rock, and expected to reopen one lane within three days, the officials said.',
  'No one was hurt, but around 2,100 residents were without supplies of fuel and rice, according to the district governor, who asked the army for helicopters.',
  'Heavy rain is forecast to continue over the plateau until the weekend, the meteorological department said.',
];
export function wireCopy(i: number): FixtureItem {
  const edits: Array<(p: string[]) => string[]> = [
    (p) => p,
    (p) => [p[0]!.replace('on Wednesday', 'on Wednesday morning'), ...p.slice(1)],
    (p) => [p[0]!, p[1]!.replace('two excavators', 'two heavy excavators'), p[2]!, `${p[3]!} (Reporting by the wire desk.)`],
    (p) => [p[0]!.replace('district officials said', 'officials in the district said'), p[1]!, p[2]!],
    (p) => [...p, 'The Bolaven plateau is known for its coffee plantations and waterfalls.'],
  ];
  return {
    guid: `wire-landslide-${i}`, path: `/wire/${i}/landslide`, title: i % 2 ? 'Landslide Cuts Off 14 Villages Near Pakse' : 'Landslide cuts off villages near Pakse',
    date: day(0, 5 + i), paragraphs: edits[i]!(WIRE_BASE),
  };
}

export function rssFeed(title: string, base: string, items: FixtureItem[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>${esc(title)}</title><link>${base}/</link><description>${esc(title)}</description>
${items.map((i) => `<item><title>${esc(i.title)}</title><link>${base}${i.path}</link><guid isPermaLink="false">${i.guid}</guid><pubDate>${new Date(i.date).toUTCString()}</pubDate><description>${esc(i.paragraphs[0]!)}</description><content:encoded><![CDATA[${html(i.paragraphs)}]]></content:encoded></item>`).join('\n')}
</channel></rss>`;
}

export function atomFeed(title: string, base: string, items: FixtureItem[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>${esc(title)}</title><id>${base}/atom</id><updated>${new Date().toISOString()}</updated>
${items.map((i) => `<entry><title>${esc(i.title)}</title><id>${i.guid}</id><link rel="alternate" href="${base}${i.path}"/><published>${i.date}</published><updated>${i.date}</updated><summary>${esc(i.paragraphs[0]!)}</summary><content type="html">${esc(html(i.paragraphs))}</content></entry>`).join('\n')}
</feed>`;
}

export function jsonFeed(title: string, base: string, items: FixtureItem[]): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1', title, home_page_url: `${base}/`,
    items: items.map((i) => ({ id: i.guid, url: `${base}${i.path}`, title: i.title, date_published: i.date, content_html: html(i.paragraphs) })),
  });
}

/** A feed of teasers only: the articles are on their pages. */
export function teaserFeed(base: string, items: FixtureItem[]): string {
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Teaser Wire</title><link>${base}/</link><description>t</description>
${items.map((i) => `<item><title>${esc(i.title)}</title><link>${base}/pages${i.path}.html</link><guid>${i.guid}-teaser</guid><pubDate>${new Date(i.date).toUTCString()}</pubDate><description>${esc(i.paragraphs[0]!.slice(0, 80))}…</description></item>`).join('\n')}
</channel></rss>`;
}

/** A news page with navigation, a byline and a footer around the article, for Readability. */
export function articlePage(item: FixtureItem, byline = 'Somchai Rattana'): string {
  return `<!doctype html><html><head><title>${esc(item.title)} | Riverwatch</title><meta property="og:site_name" content="Riverwatch">
<meta property="article:published_time" content="${item.date}"><meta name="author" content="${byline}"></head>
<body><header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a> <a href="/weather">Weather</a></nav></header>
<main><article><h1>${esc(item.title)}</h1><p class="byline">By ${byline}</p>${html(item.paragraphs)}</article>
<aside><h3>Most read</h3><ul><li><a href="/a">Ten things to see in Vientiane</a></li><li><a href="/b">Coffee prices rise</a></li></ul></aside></main>
<footer><p>Copyright Riverwatch. All rights reserved.</p></footer></body></html>`;
}

/** A feed with one item of about `bytes` bytes. */
export function hugeItemFeed(base: string, bytes: number): string {
  const words = 'flood water rose again across the plain while villagers waited for news of the road ';
  const body = words.repeat(Math.ceil(bytes / words.length));
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Huge Wire</title><link>${base}/</link><description>h</description><item><title>A Very Long Report</title><link>${base}/news/huge</link><guid>huge-1</guid><pubDate>${new Date(day(0)).toUTCString()}</pubDate><description>${body}</description></item></channel></rss>`;
}
