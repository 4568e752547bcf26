import { hash, verify } from '@node-rs/argon2';

/**
 * Password hashing with Argon2id (RFC 9106), the memory-hard KDF of OWASP's cheat sheet:
 * 19 MiB, 2 passes, 1 lane. @node-rs/argon2 ships a prebuilt native binding per platform
 * through the npm registry, so no compiler is needed and hashing runs off the event loop.
 */
const OPTIONS = { algorithm: 2 /* Algorithm.Argon2id (a const enum) */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** @returns a PHC string (`$argon2id$v=19$…`) embedding salt and parameters. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** Spec 002 password rule: 8–64 characters with at least one letter and one digit. */
export const PASSWORD_RULE = { min: 8, max: 64, pattern: /^(?=.*[A-Za-z])(?=.*\d).+$/ } as const;

// A real hash of a random password, verified against when the user does not exist, so that an
// unknown username and a wrong password cost the same time.
let dummyHash: Promise<string> | undefined;

/**
 * Checks a password against a stored PHC hash in constant work whether or not a hash exists.
 * @returns true only when `stored` is a hash of `password`.
 */
export async function verifyPassword(stored: string | null | undefined, password: string): Promise<boolean> {
  if (!stored) {
    dummyHash ??= hashPassword(crypto.randomUUID());
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}
