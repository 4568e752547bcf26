/**
 * The stall suite's heavy loop, in a process of its own: GETs `--url` back to back on one
 * keep-alive connection (node:http: a third of undici fetch's client CPU per answer), says `ready`
 * over IPC once loaded, and on `stop` from its parent sends back the duration of each request (ms)
 * and exits. Run inside the probing process, the loop's client work held that process's event
 * loop, and the probes counted it as the server's stall.
 */
import http from 'node:http';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { url: { type: 'string' }, token: { type: 'string' } } });
const { url, token } = values;
if (!url || !process.send) throw new Error('usage: fork loop-client.ts --url URL [--token T] (IPC)');
let stop = false;
process.on('message', (m) => {
  if (m === 'stop') stop = true;
});

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const headers = token ? { authorization: `Bearer ${token}` } : {};
const once = () =>
  new Promise<void>((resolve, reject) => {
    http
      .get(url, { agent, headers }, (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`${url} answered ${res.statusCode}`))));
      })
      .on('error', reject);
  });

process.send('ready');
const times: number[] = [];
while (!stop) {
  const t0 = performance.now();
  await once();
  times.push(performance.now() - t0);
}
agent.destroy();
process.send({ times }, () => process.disconnect());
