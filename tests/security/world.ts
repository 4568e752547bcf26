import type { UserKind } from '../../src/edge/meta.ts';
import type { TokenFamily } from '../../src/services/identity/tokens.ts';
import { boundMiniUser, FACTORY_A, FACTORY_B, makeFactory, makeUser, seedCompanies, tokenFor } from '../factories.ts';
import type { TestApp } from '../helpers/app.ts';

/**
 * The security matrix's world (tests/security/matrix.test.ts): two tenants and their users, created
 * on first use and kept for the whole family's run.
 */

export type Tenant = 'A' | 'B';

/** Tenant A and B: factories for the staff and v1 families, ERP companies for the mini-program. */
export const TENANTS = {
  A: { factoryId: FACTORY_A, companyId: 'COMPA', inviteCode: 'INV-A' },
  B: { factoryId: FACTORY_B, companyId: 'COMPB', inviteCode: 'INV-B' },
} as const;

export interface WorldUser {
  id: number;
  kind: UserKind;
  role: string;
  factoryId: string | null;
}

/** The users and tokens of one test app: two tenants, users created on first use and kept. */
export class World {
  readonly #users = new Map<string, Promise<WorldUser>>();
  #seq = 0;

  private constructor(readonly t: TestApp) {}

  static async create(t: TestApp): Promise<World> {
    await makeFactory(t, FACTORY_A);
    await makeFactory(t, FACTORY_B);
    await seedCompanies(t, 2);
    return new World(t);
  }

  /** A number unique in this world, for codes and names under unique constraints. */
  next(): number {
    return ++this.#seq;
  }

  /** The user of a kind and role in a tenant (WeChat users are bound to its company). */
  user(kind: UserKind, role: string, tenant: Tenant = 'A'): Promise<WorldUser> {
    const key = `${kind}/${role}/${tenant}`;
    let user = this.#users.get(key);
    if (!user) {
      user = this.#createUser(kind, role, tenant);
      this.#users.set(key, user);
    }
    return user;
  }

  async #createUser(kind: UserKind, role: string, tenant: Tenant): Promise<WorldUser> {
    if (kind === 'wechat') {
      const { userId } = await boundMiniUser(this.t, `matrix-${tenant}-${this.next()}`, TENANTS[tenant].inviteCode);
      return { id: Number(userId), kind, role: 'wechat_customer', factoryId: null };
    }
    const factoryId = kind === 'factory' ? TENANTS[tenant].factoryId : null;
    const { id } = await makeUser(this.t, { kind, role, factoryId });
    return { id, kind, role, factoryId };
  }

  /** A fresh one-hour access token of `family` for the user; `scope` makes it a delegated token. */
  async token(user: WorldUser, family: TokenFamily, scope?: string): Promise<string> {
    return tokenFor(this.t, user, family, scope === undefined ? {} : { scope });
  }
}
