// A named import, so the Worker bundle carries the version string and not the whole package.json.
import { version } from '../../package.json';

/** The release, from package.json (shown by /healthz and the console). */
export const VERSION: string = version;
