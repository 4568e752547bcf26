// usage: tsx .prof/loop-one.ts <path> <as> [seconds]: loops one endpoint (1 connection), prints p50
import { readFileSync } from 'node:fs';
import { freePort, loopGet, startBenchServer } from '../scripts/bench/common.ts';

const [path, as, secs = '5'] = process.argv.slice(2);
const tokens = JSON.parse(readFileSync('/tmp/stallprof/tokens.json', 'utf8'));
const port = await freePort();
const child = await startBenchServer('full', '/tmp/stallprof/stall.db', port, [
  'TIME_ZONE=Asia/Shanghai',
  'BI_CACHE_ENTRIES=0',
  ...(process.env.SETS ?? '').split(' ').filter(Boolean),
]);
const url = `http://127.0.0.1:${port}${path!.replace('MERCHANT', tokens.merchant_id)}`;
await loopGet(
  url,
  tokens[as!],
  (
    (n) => () =>
      n-- <= 0
  )(20),
);
const t0 = Date.now();
const times = await loopGet(url, tokens[as!], () => Date.now() - t0 > Number(secs) * 1000);
times.sort((a, b) => a - b);
console.log(
  `${path}: ${times.length} runs, p50 ${times[times.length >> 1]!.toFixed(2)} ms p90 ${times[Math.floor(times.length * 0.9)]!.toFixed(2)}`,
);
child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
