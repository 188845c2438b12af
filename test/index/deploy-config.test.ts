import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { unstable_readConfig } from 'wrangler';
import { describe, expect, it } from 'vitest';
import { EnvSchema } from '../../src/index/config.ts';
import { DigestEnvSchema } from '../../src/index/digest-config.ts';
import { SlackEnvSchema } from '../../src/index/slack-config.ts';
import { ROOT } from '../helpers/seed-corpus.ts';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string>; dependencies: Record<string, string> };
const KNOWN = new Set([...Object.keys(EnvSchema.shape), ...Object.keys(DigestEnvSchema.shape), ...Object.keys(SlackEnvSchema.shape)]);

describe('deploying to Workers', () => {
  it('binds DIGEST_KV without a placeholder id, so the first deploy creates the namespace instead of failing', () => {
    const config = unstable_readConfig({ config: join(ROOT, 'wrangler.toml') });
    const kv = config.kv_namespaces.find((k: { binding: string; id?: string }) => k.binding === 'DIGEST_KV');
    expect(kv).toBeDefined();
    expect(kv!.id === undefined || /^(?!0+$)[0-9a-f]{32}$/.test(kv!.id)).toBe(true);
  });

  it('npm run dev is offline and quiet: no cf.json fetch, no metrics', () => {
    expect(pkg.scripts.dev).toMatch(/CLOUDFLARE_CF_FETCH_ENABLED=false .*wrangler dev/);
    expect(pkg.scripts.dev).toContain('WRANGLER_SEND_METRICS=false');
  });

  it('.dev.vars.example (Workers) and .env.example (Node) list only variables sitrep reads', () => {
    for (const file of ['.dev.vars.example', '.env.example']) {
      const names = Object.keys(parseEnv(readFileSync(join(ROOT, file), 'utf8')));
      expect(names.length).toBeGreaterThan(3);
      expect(names.filter((name) => !KNOWN.has(name))).toEqual([]);
    }
  });

  it('carries no unused Slack edge library', () => {
    expect(pkg.dependencies['slack-edge']).toBeUndefined();
  });
});
