// Runs every graphql-http server audit (the GraphQL-over-HTTP draft) against the
// endpoint given as the first argument, one at a time, and prints each result.
// Exits 1 when a MUST fails; SHOULD and MAY failures are printed but not fatal.
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs http://host:port/graphql');
  process.exit(2);
}

const mark = { ok: 'pass', error: 'FAIL', warn: 'warn', notice: 'note' };
const tally = {};
let mustFailed = 0;
for (const { fn } of serverAudits({ url })) {
  // An audit throws only on a fatal error (the service unreachable, say).
  const result = await fn();
  const level = result.name.split(' ')[0];
  tally[level] ??= { passed: 0, failed: 0 };
  tally[level][result.status === 'ok' ? 'passed' : 'failed'] += 1;
  let line = `${mark[result.status]}  ${result.id}  ${result.name}`;
  if (result.status !== 'ok') {
    line += `\n        ${result.reason} (status ${result.response.status})`;
    if (result.status === 'error') mustFailed += 1;
  }
  console.log(line);
}
console.log('');
for (const [level, { passed, failed }] of Object.entries(tally)) {
  console.log(`${level}: ${passed} of ${passed + failed} pass`);
}
process.exit(mustFailed > 0 ? 1 : 0);
