import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { CliIo } from './io.ts';

/** What `bi login` stores: the server, the OAuth client and its tokens. */
export interface Credentials {
  server: string;
  client_id: string;
  access_token: string;
  refresh_token: string;
  /** Epoch ms. */
  expires_at: number;
}

const credentialsFile = (io: CliIo) => join(io.configDir, 'bi-credentials.json');

/** The stored credentials, or undefined when there are none (or they do not parse). */
export async function loadCredentials(io: CliIo): Promise<Credentials | undefined> {
  try {
    return JSON.parse(await readFile(credentialsFile(io), 'utf8')) as Credentials;
  } catch {
    return undefined;
  }
}

/** Writes `<configDir>/bi-credentials.json`, mode 0600 in a 0700 folder. */
export async function saveCredentials(io: CliIo, c: Credentials): Promise<void> {
  const file = credentialsFile(io);
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, `${JSON.stringify(c, null, 2)}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
}

export async function removeCredentials(io: CliIo): Promise<void> {
  await rm(credentialsFile(io), { force: true });
}
