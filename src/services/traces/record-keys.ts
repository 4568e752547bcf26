import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import type { Db } from '../../db/connect.ts';
import type { Es256Keys, PublicJwk } from '../identity/signing-keys.ts';

/** The `signing_keys` row of the record key tracehub generates when JWT_PRIVATE_KEY is unset. */
const RECORD_KEY = 'trace-record';

/** A key that signs public trace records: its `kid` and the WebCrypto private key. */
export interface RecordSigningKey {
  kid: string;
  key: CryptoKey;
}

interface StoredKey {
  kid: string;
  privateJwk: JWK;
  publicJwk: PublicJwk;
}

/**
 * The ES256 key of signed public trace records (issue 14 §4), and the public keys to publish.
 * - JWT_PRIVATE_KEY set: records are signed with it (same `kid` as access tokens, already in the
 *   JWKS); records carry `typ: trace-record+jwt` and no `aud`/`exp`/`jti`, so no access-token
 *   check accepts one (RFC 8725 §3.11-3.12).
 * - Unset (HS256 tokens): an ES256 key generated on first use and stored in `signing_keys`, so
 *   every instance on the database signs with the same key; the first writer wins a race.
 * A stored key stays published after a switch to JWT_PRIVATE_KEY, so records signed earlier
 * still verify against `/.well-known/jwks.json`.
 */
export class RecordSigningKeys {
  readonly #db: Db;
  readonly #configured: Promise<RecordSigningKey> | undefined;
  #stored: StoredKey | undefined;
  #storedSigning: RecordSigningKey | undefined;

  constructor(db: Db, es256: Es256Keys | null) {
    this.#db = db;
    this.#configured = es256
      ? (importJWK(es256.privateJwk as JWK, 'ES256') as Promise<CryptoKey>).then((key) => ({ kid: es256.kid, key }))
      : undefined;
  }

  /**
   * The key to sign a record with: JWT_PRIVATE_KEY's, else the stored one (generated and
   * inserted on first use, `INSERT … ON CONFLICT DO NOTHING` then read back).
   */
  async signingKey(): Promise<RecordSigningKey> {
    if (this.#configured) return this.#configured;
    if (this.#storedSigning) return this.#storedSigning;
    const stored = (await this.#read()) ?? (await this.#generate());
    this.#storedSigning = { kid: stored.kid, key: (await importJWK(stored.privateJwk, 'ES256')) as CryptoKey };
    return this.#storedSigning;
  }

  /** Public JWKs of stored record keys (none until a record was signed without JWT_PRIVATE_KEY); never a private part. */
  async publishedKeys(): Promise<PublicJwk[]> {
    const stored = await this.#read();
    return stored ? [{ ...stored.publicJwk }] : [];
  }

  /** The stored key; a found key is kept in memory (rows never change), a miss is asked again. */
  async #read(): Promise<StoredKey | undefined> {
    if (this.#stored) return this.#stored;
    const row = await this.#db
      .selectFrom('signing_keys')
      .select(['kid', 'private_jwk', 'public_jwk'])
      .where('name', '=', RECORD_KEY)
      .executeTakeFirst();
    if (row)
      this.#stored = { kid: row.kid, privateJwk: JSON.parse(row.private_jwk) as JWK, publicJwk: JSON.parse(row.public_jwk) as PublicJwk };
    return this.#stored;
  }

  async #generate(): Promise<StoredKey> {
    const pair = await generateKeyPair('ES256', { extractable: true });
    const pub = await exportJWK(pair.publicKey);
    const kid = `record-${await calculateJwkThumbprint(pub)}`;
    const publicJwk: PublicJwk = { kty: 'EC', crv: 'P-256', x: pub.x as string, y: pub.y as string, kid, alg: 'ES256', use: 'sig' };
    await this.#db
      .insertInto('signing_keys')
      .values({
        name: RECORD_KEY,
        kid,
        private_jwk: JSON.stringify(await exportJWK(pair.privateKey)),
        public_jwk: JSON.stringify(publicJwk),
        created_at: Date.now(),
      })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    const winner = await this.#read();
    if (!winner) throw new Error('signing_keys: the record key vanished after its insert');
    return winner;
  }
}

/**
 * The JWK Set of `/.well-known/jwks.json` (RFC 7517 §5): the access-token keys (ES256 signing key
 * and JWT_PUBLIC_KEYS; none under HS256), then the stored record key not already among them.
 * Public parts only.
 */
export async function publishedJwks(tokens: { jwks(): { keys: PublicJwk[] } }, records: RecordSigningKeys): Promise<{ keys: PublicJwk[] }> {
  const { keys } = tokens.jwks();
  const kids = new Set(keys.map((k) => k.kid));
  return { keys: [...keys, ...(await records.publishedKeys()).filter((k) => !kids.has(k.kid))] };
}
