// `node --import ./test/helpers/trace-loads.mjs ...`: appends every module URL the process resolves to the file
// named by SITREP_TRACE_LOADS, so a test can see what the bin really ran (compiled build or TypeScript via tsx).
import { register } from 'node:module';

const hooks = `
import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  if (process.env.SITREP_TRACE_LOADS) appendFileSync(process.env.SITREP_TRACE_LOADS, resolved.url + '\\n');
  return resolved;
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
