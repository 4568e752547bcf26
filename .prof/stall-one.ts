// usage: tsx .prof/stall-one.ts <path> <as> [seconds] [--prof]
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
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
const health = async (s: number) =>
  (await autocannon({ url: `http://127.0.0.1:${port}/api/health/check`, connections: 2, duration: s })).latency;
await loopGet(
  url,
  tokens[as!],
  (
    (n) => () =>
      n-- <= 0
  )(3),
);
await health(2);
const idle = await health(Number(secs));
let stop = false;
const loop = loopGet(url, tokens[as!], () => stop);
const busy = await health(Number(secs));
stop = true;
const times = await loop;
times.sort((a, b) => a - b);
console.log(
  `${path}: ${times.length} runs, p50 ${times[times.length >> 1]!.toFixed(1)} ms; health idle p50 ${idle.p50} p99 ${idle.p99}; busy p50 ${busy.p50} p99 ${busy.p99}; ratio ${(busy.p99 / idle.p99).toFixed(2)}`,
);
child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
