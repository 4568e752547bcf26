import { afterAll, beforeAll } from 'vitest';
import { startFakeServer } from '../fakes/http.ts';

/** A fake of tests/fakes/ that listens once started. */
interface Startable {
  start(): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * Starts `fake` before the enclosing suite's tests and closes it after them (one server for the
 * whole `describe`; reset what a test changes in its own hooks). Returns `fake`.
 */
export function startedForSuite<F extends Startable>(fake: F): F {
  beforeAll(async () => {
    await fake.start();
  });
  afterAll(() => fake.close());
  return fake;
}

/** A URL on 127.0.0.1 where nothing listens any more (a refused connection). */
export async function deadUrl(): Promise<string> {
  const s = await startFakeServer(() => undefined);
  await s.close();
  return s.url;
}
