import packageJson from '../../package.json' with { type: 'json' };

/** The release, from package.json (shown by /healthz and the console). */
export const VERSION: string = packageJson.version;
