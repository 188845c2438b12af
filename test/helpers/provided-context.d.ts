// Values the Node-side global setup hands to the Worker tests (vitest `provide` / `inject`).
import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** the dev questions (../shared/eval/dev.json) and the Answer JSON that Node gives for each */
    nodeAnswers: Array<{ id: string; question: string; answer: unknown }>;
    /** what Node loads from data/index.json */
    nodeIndex: { articles: number; builtAt: string };
    /** the Worker's bindings in the test run */
    workerBindings: { SITREP_API_TOKEN: string; SITREP_RATE_LIMIT: string; SITREP_RATE_LIMIT_WINDOW: string };
  }
}
