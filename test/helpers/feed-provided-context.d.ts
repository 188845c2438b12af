// What the followed-sources global setup (test/helpers/feed-worker-setup.ts) hands to the Worker tests.
import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** the fake news site on 127.0.0.1; POST /__set, /__requests and /__reset script and inspect it */
    feedSite: { url: string };
  }
}
