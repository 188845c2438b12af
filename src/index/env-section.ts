import type { z } from 'zod';
import { SitrepError } from '../core/ingest/article-file.ts';

/**
 * Parses one feature's variables from an environment (process.env or a Worker's env): only string values count;
 * a bad one is a SitrepError naming each variable and the README section to read (values are never echoed).
 */
export function parseEnvSection<T extends z.ZodType>(schema: T, source: Record<string, unknown>, feature: string, readme: string): z.infer<T> {
  const strings = Object.fromEntries(Object.entries(source).filter((e): e is [string, string] => typeof e[1] === 'string'));
  const parsed = schema.safeParse(strings);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `  ${String(i.path[0])}: ${i.message}`);
  throw new SitrepError('bad_config', `bad ${feature} configuration:\n${lines.join('\n')}\nfix or unset these variables (README, "${readme}")`);
}
