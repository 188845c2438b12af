-- The corpus in D1 (README "Deploying" / "A corpus in D1"), written by `sitrep export-d1` (src/core/store/d1-rows.ts)
-- and read by the D1 store (src/core/store/d1-store.ts). Articles are numbered newest first, as in the lunr index.

-- Corpus-wide facts: one JSON row under the key 'corpus' (counts, average passage length, countries, acronyms).
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- Each article as an index file of its own (JSON): its sentences, their annotations, figures, events, people and terms.
CREATE TABLE articles (
  a INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  published TEXT NOT NULL,
  first_p INTEGER NOT NULL,
  passages INTEGER NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX articles_first_p ON articles (first_p);
CREATE INDEX articles_published ON articles (published);

-- The index's vocabulary: each stem and how many passages hold it (question weights and typo correction read it).
CREATE TABLE terms (
  term TEXT PRIMARY KEY,
  df INTEGER NOT NULL
) WITHOUT ROWID;

-- The days and months each article's sentences name, so a question about a date reads only those articles.
CREATE TABLE event_dates (
  date TEXT,
  month TEXT,
  future INTEGER NOT NULL,
  a INTEGER NOT NULL
);
CREATE INDEX event_dates_date ON event_dates (date);
CREATE INDEX event_dates_month ON event_dates (month);

-- One row per passage (rowid = passage number): its index terms (stems, repeated by count), ranked with bm25.
CREATE VIRTUAL TABLE passage_fts USING fts5(terms, content = '', tokenize = 'unicode61 remove_diacritics 0');
