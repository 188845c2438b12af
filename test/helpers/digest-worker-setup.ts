// Global setup of the 'workers' test project for the digest: fake Slack and Discord APIs on 127.0.0.1, run on Node
// (workerd cannot listen), reached by the Worker's scheduled handler and scripted through their /__ control routes.
import type { TestProject } from 'vitest/node';
import { startFakeDigestApis } from './fake-digest-apis.ts';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const apis = await startFakeDigestApis();
  project.provide('digestFakeApis', { url: apis.url, slackApiUrl: apis.slackApiUrl, discordWebhookUrl: apis.discordWebhookUrl });
  return () => apis.close();
}
