// The corpus on Cloudflare R2: articles/<id>.md, segments/<name>.json and the manifest that commits them.
// No node:* here. A commit writes its new objects first and then the manifest, conditionally on the manifest it
// read (R2 `onlyIf`), so two writers (the cron and the ingest route) never lose each other's articles; objects a
// failed or killed commit left are swept once they are an hour old.
import { parseArticle, serializeArticle } from '../core/ingest/article-file.ts';
import type { Article } from '../core/schema.ts';
import { type IndexFile } from '../core/store/corpus-index.ts';
import { buildIndexWith } from '../core/store/build-index.ts';
import { ruleTagger } from '../core/annotate/tagger.ts';
import { emptyManifest, ManifestSchema, planCompaction, registryName, segmentName, type Manifest, type SegmentEntry } from '../core/store/segment-manifest.ts';
import { mergeIndexFiles, segmentMonth } from '../core/store/segments.ts';

/** The part of an R2 bucket binding this store uses (the Workers R2Bucket fits it). */
export interface BlobBucket {
  get(key: string): Promise<{ text(): Promise<string>; etag: string } | null>;
  head(key: string): Promise<{ etag: string } | null>;
  put(key: string, value: string, options?: { onlyIf?: { etagMatches?: string; etagDoesNotMatch?: string }; httpMetadata?: { contentType?: string } }): Promise<{ etag: string } | null>;
  delete(keys: string | string[]): Promise<void>;
  list(options?: { prefix?: string; cursor?: string; limit?: number }): Promise<{ objects: Array<{ key: string; uploaded: Date }>; truncated: boolean; cursor?: string }>;
}

export const MANIFEST_KEY = 'manifest.json';
const segmentKey = (name: string) => `segments/${name}.json`;
export const articleKey = (id: string) => `articles/${id}.md`;
/** Objects no manifest names are deleted by the sweep once this old (a commit takes seconds). */
const ORPHAN_AGE_MS = 3600_000;

/** A manifest as read, with the etag a conditional write needs. */
export interface ReadManifest {
  manifest: Manifest;
  etag: string | null;
}

export class CommitConflict extends Error {
  override readonly name = 'CommitConflict';
}

/** The R2 side of a corpus whose base is the Worker's bundled index. */
export class R2Corpus {
  constructor(private readonly bucket: BlobBucket, private readonly baseBuiltAt: string | null, private readonly now: () => Date) {}

  /** The committed manifest (an empty one over the bundled index before the first commit). */
  async readManifest(): Promise<ReadManifest> {
    const object = await this.bucket.get(MANIFEST_KEY);
    if (!object) return { manifest: emptyManifest(this.baseBuiltAt), etag: null };
    const parsed = ManifestSchema.safeParse(JSON.parse(await object.text()));
    if (!parsed.success) throw new Error(`R2 ${MANIFEST_KEY} is not a segment manifest (${parsed.error.issues[0]?.message})`);
    return { manifest: parsed.data, etag: object.etag };
  }

  /** The manifest's etag, to see cheaply whether anything was committed since. */
  async manifestEtag(): Promise<string | null> {
    return (await this.bucket.head(MANIFEST_KEY))?.etag ?? null;
  }

  async readJson(key: string): Promise<unknown> {
    const object = await this.bucket.get(key);
    return object ? (JSON.parse(await object.text()) as unknown) : null;
  }

  /**
   * The index files of the manifest's segments, read from R2. Not cached: parsed, the segments of 5,000 articles held
   * more than the 128 MB an isolate has; an isolate reads them again only when the manifest changes.
   */
  async segments(manifest: Manifest): Promise<IndexFile[]> {
    return Promise.all(manifest.segments.map(async ({ name }) => {
      const file = (await this.readJson(segmentKey(name))) as IndexFile | null;
      if (!file) throw new Error(`segment ${name} named by the manifest is missing from R2`);
      return file;
    }));
  }

  /** The registry committed with the manifest (null before the first). */
  async registry(manifest: Manifest): Promise<unknown> {
    return manifest.registry ? this.readJson(segmentKey(manifest.registry)) : null;
  }

  /** Reads stored articles by id. */
  async articles(ids: string[]): Promise<Article[]> {
    const found = await Promise.all(ids.map(async (id) => {
      const object = await this.bucket.get(articleKey(id));
      return object ? parseArticle(await object.text(), articleKey(id)) : null;
    }));
    return found.filter((a): a is Article => a !== null);
  }

  private async commit(read: ReadManifest, next: Manifest, objects: Array<[string, string]>, obsolete: string[]): Promise<void> {
    for (const [key, value] of objects) await this.bucket.put(key, value);
    const written = await this.bucket.put(MANIFEST_KEY, JSON.stringify(next), { onlyIf: read.etag ? { etagMatches: read.etag } : { etagDoesNotMatch: '*' } });
    if (!written) {
      // Another writer committed first: nothing of ours is referenced, so remove it and let the caller retry.
      const ours = objects.map(([key]) => key).filter((key) => !key.startsWith('articles/'));
      if (ours.length) await this.bucket.delete(ours);
      throw new CommitConflict('the manifest changed during the commit');
    }
    if (obsolete.length) await this.bucket.delete(obsolete);
  }

  /** Object names of a commit: two writers racing for the same generation must not overwrite each other's objects. */
  private unique(name: string): string {
    return `${name}-${crypto.randomUUID().slice(0, 8)}`;
  }

  /** Commits new articles as segments (one per month) with the registry that goes with them. */
  async add(read: ReadManifest, articles: Article[], registry: unknown): Promise<Manifest> {
    const { manifest } = read;
    const generation = manifest.generation + 1;
    const months = new Map<string, Article[]>();
    for (const a of articles) months.set(segmentMonth(a), [...(months.get(segmentMonth(a)) ?? []), a]);
    const entries: Array<[SegmentEntry, IndexFile]> = [...months].sort().map(([month, group]) => {
      // A Worker cannot carry wink-nlp's model: segments it builds are annotated by the rule tagger; `sitrep build` on
      // Node re-annotates them fully.
      const file = buildIndexWith(group, this.now(), { tagger: ruleTagger, countryOf: () => null, isCapital: () => false });
      return [{ name: this.unique(segmentName(month, generation)), month, articles: group.length, passages: file.lunr.docs.length, builtAt: file.builtAt }, file];
    });
    const registryObject = this.unique(registryName(generation));
    const next: Manifest = { ...manifest, generation, segments: [...manifest.segments, ...entries.map(([e]) => e)], registry: registryObject };
    const objects: Array<[string, string]> = [
      ...articles.map((a): [string, string] => [articleKey(a.id), serializeArticle(a)]),
      ...entries.map(([e, file]): [string, string] => [segmentKey(e.name), JSON.stringify(file)]),
      [segmentKey(registryObject), JSON.stringify(registry)],
    ];
    await this.commit(read, next, objects, manifest.registry ? [segmentKey(manifest.registry)] : []);
    return next;
  }

  /** Merges small segments of a month (planCompaction); returns how many were merged away. */
  async compact(read: ReadManifest): Promise<number> {
    const plans = planCompaction(read.manifest);
    if (!plans.length) return 0;
    const generation = read.manifest.generation + 1;
    const merged: Array<[SegmentEntry, IndexFile]> = [];
    for (const group of plans) {
      const file = mergeIndexFiles(await this.segments({ ...read.manifest, segments: group }), this.now().toISOString());
      merged.push([{ name: this.unique(segmentName(group[0]!.month, generation)), month: group[0]!.month, articles: file.articles.length, passages: file.lunr.docs.length, builtAt: file.builtAt }, file]);
    }
    const replaced = new Set(plans.flat().map((e) => e.name));
    const next: Manifest = { ...read.manifest, generation, segments: [...read.manifest.segments.filter((e) => !replaced.has(e.name)), ...merged.map(([e]) => e)] };
    await this.commit(read, next, merged.map(([e, f]) => [segmentKey(e.name), JSON.stringify(f)]), [...replaced].map(segmentKey));
    return replaced.size - merged.length;
  }

  /** Deletes segment, registry and article objects that no manifest names and that are over an hour old. */
  async sweep(manifest: Manifest, indexedIds: Set<string>): Promise<number> {
    const keep = new Set([...manifest.segments.map((s) => segmentKey(s.name)), ...(manifest.registry ? [segmentKey(manifest.registry)] : [])]);
    const old = this.now().getTime() - ORPHAN_AGE_MS;
    const doomed: string[] = [];
    for (const prefix of ['segments/', 'articles/']) {
      let cursor: string | undefined;
      do {
        const page = await this.bucket.list({ prefix, ...(cursor ? { cursor } : {}) });
        for (const { key, uploaded } of page.objects) {
          const orphan = prefix === 'segments/' ? !keep.has(key) : !indexedIds.has(key.slice('articles/'.length, -'.md'.length));
          if (orphan && uploaded.getTime() < old) doomed.push(key);
        }
        cursor = page.truncated ? page.cursor : undefined;
      } while (cursor);
    }
    if (doomed.length) await this.bucket.delete(doomed);
    return doomed.length;
  }
}
