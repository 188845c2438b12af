// Global setup of the 'workers' test project for followed sources: the fake news site on 127.0.0.1, run on Node
// (workerd cannot listen), fetched by the Worker's cron and scripted through its /__ control routes.
import type { TestProject } from 'vitest/node';
import { startFakeFeedServer } from './fake-feed-server.ts';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const site = await startFakeFeedServer();
  project.provide('feedSite', { url: site.url });
  return () => site.close();
}
