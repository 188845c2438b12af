// Global setup of the 'workers' test project for the D1 store: the schema in migrations/, read on Node (as wrangler
// reads it) and applied inside workerd by the tests with applyD1Migrations.
import { fileURLToPath } from 'node:url';
import { readD1Migrations } from '@cloudflare/vitest-pool-workers';
import type { TestProject } from 'vitest/node';

export default async function setup(project: TestProject): Promise<void> {
  project.provide('d1Migrations', await readD1Migrations(fileURLToPath(new URL('../../migrations', import.meta.url))));
}
