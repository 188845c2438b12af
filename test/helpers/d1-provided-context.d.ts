// What the D1 global setup (test/helpers/d1-worker-setup.ts) hands to the Worker tests.
import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** migrations/*.sql as statements, for applyD1Migrations */
    d1Migrations: Array<{ name: string; queries: string[] }>;
  }
}
