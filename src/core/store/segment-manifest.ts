import { z } from 'zod';

/**
 * The list of committed segments. Writing it is the commit point of every change to a corpus, on Node (a file) and
 * on Workers (an R2 object): segment and registry files it does not name are leftovers of an unfinished change.
 */
export const SegmentEntrySchema = z.object({
  /** file or object name without extension: `<month>.<generation>` */
  name: z.string().regex(/^[\w.-]+$/),
  /** YYYY-MM of every article in it */
  month: z.string().regex(/^\d{4}-\d{2}$/),
  articles: z.number().int().min(0),
  passages: z.number().int().min(0),
  builtAt: z.string(),
});
export type SegmentEntry = z.infer<typeof SegmentEntrySchema>;

export const ManifestSchema = z.object({
  format: z.literal(1),
  /** increases by one with every commit */
  generation: z.number().int().min(0),
  /** builtAt of the whole index the segments add to (data/index.json, or the Worker's bundled index); null: none */
  base: z.object({ builtAt: z.string() }).nullable(),
  segments: z.array(SegmentEntrySchema),
  /** name of the source registry (URLs, GUIDs, near-duplicate signatures) as of this generation; null: none yet */
  registry: z.string().regex(/^[\w.-]+$/).nullable(),
  /**
   * name of the article register (the indexed articles' ids and duplicate-check keys, Node data folders only) as of
   * this generation; absent: none, rebuilt from the article files by the next change
   */
  register: z.string().regex(/^[\w.-]+$/).nullable().optional(),
});
export type Manifest = z.infer<typeof ManifestSchema>;

/** The manifest of a corpus with no segments yet. */
export function emptyManifest(baseBuiltAt: string | null): Manifest {
  return { format: 1, generation: 0, base: baseBuiltAt ? { builtAt: baseBuiltAt } : null, segments: [], registry: null };
}

/** A segment's name: its month and the generation that wrote it, unique for the life of a corpus. */
export function segmentName(month: string, generation: number): string {
  return `${month}.${String(generation).padStart(6, '0')}`;
}

/** The article register's name at a generation. */
export function registerName(generation: number): string {
  return `register.${String(generation).padStart(6, '0')}`;
}

/** The registry's name at a generation. */
export function registryName(generation: number): string {
  return `registry.${String(generation).padStart(6, '0')}`;
}

export interface CompactionLimits {
  /** a month with at least this many segments is compacted */
  segmentsPerMonth: number;
  /** a merged segment stays under this many passages (about 25 per article) */
  maxPassages: number;
}

export const DEFAULT_COMPACTION: CompactionLimits = { segmentsPerMonth: 4, maxPassages: 50_000 };

/** Groups of small segments of one month to merge into one each, smallest first, each group under the size limit. */
export function planCompaction(manifest: Manifest, limits: CompactionLimits = DEFAULT_COMPACTION): SegmentEntry[][] {
  const byMonth = new Map<string, SegmentEntry[]>();
  for (const entry of manifest.segments) byMonth.set(entry.month, [...(byMonth.get(entry.month) ?? []), entry]);
  const plans: SegmentEntry[][] = [];
  for (const entries of byMonth.values()) {
    if (entries.length < limits.segmentsPerMonth) continue;
    const group: SegmentEntry[] = [];
    let passages = 0;
    for (const entry of [...entries].sort((a, b) => a.passages - b.passages)) {
      if (passages + entry.passages > limits.maxPassages) break;
      group.push(entry);
      passages += entry.passages;
    }
    if (group.length >= 2) plans.push(group);
  }
  return plans;
}
