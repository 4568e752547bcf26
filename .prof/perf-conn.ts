import { openDatabase, openReadOnly } from '../src/db/connect.ts';
import { erpStatus, performanceStats } from '../src/services/monitoring/call-stats.ts';

const file = '/tmp/stallprof/stall.db';
const ro = openReadOnly(file);
const { db } = openDatabase(file);
for (const [name, d] of [
  ['main', db],
  ['readonly', ro],
  ['main', db],
  ['readonly', ro],
] as const) {
  for (const [fn, f] of [
    ['perf', () => performanceStats(d, 'Asia/Shanghai')],
    ['erp', () => erpStatus(d)],
  ] as const) {
    await f();
    const t = performance.now();
    for (let i = 0; i < 30; i++) await f();
    console.log(name, fn, ((performance.now() - t) / 30).toFixed(2), 'ms');
  }
}
