import { plainStyle, ttyStyle, type Style } from '../adapters/terminal/render.ts';

/**
 * Bold and colour for a terminal, plain text for a pipe or a file, and plain text whenever NO_COLOR is set to
 * anything but the empty string (https://no-color.org).
 */
export function outputStyle(stream: { isTTY?: boolean } = process.stdout, env: Record<string, string | undefined> = process.env): Style {
  return stream.isTTY && !env.NO_COLOR ? ttyStyle : plainStyle;
}
