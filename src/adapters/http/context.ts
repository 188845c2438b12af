/** What the app's middleware keeps per request. */
export type AppEnv = {
  Variables: {
    requestId: string;
    /** extra fields for the request's log line (intent, answered...) */
    logFields?: Record<string, unknown>;
  };
};
