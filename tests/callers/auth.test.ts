import { describe, expect, it } from 'vitest';
import { boundMiniUser, makeFactoryUser, PASSWORD, seedCompanies } from '../factories.ts';
import { eachTestApp } from '../helpers/app.ts';
import { callerFor, outcome } from '../helpers/caller.ts';
import { DIALECTS } from '../helpers/db.ts';

/** The `auth` router through `createCaller`. */
describe.each(DIALECTS)('auth procedures through createCaller (%s)', (dialect) => {
  const w = eachTestApp(dialect);

  it('logs a back-office user in; the token reads its own profile', async () => {
    const user = await makeFactoryUser(w.t, { username: 'admin_a' });
    const session = await callerFor(w.t).auth.login({ username: 'admin_a', password: PASSWORD });
    expect(session.user).toMatchObject({ id: user.id, username: 'admin_a' });
    expect(session.expires_in).toBeGreaterThan(0);
    expect(await callerFor(w.t, session.token).auth.me()).toMatchObject({ id: user.id, username: 'admin_a' });
  });

  it('refuses a wrong password and a token of another family', async () => {
    await makeFactoryUser(w.t, { username: 'admin_a' });
    expect(await outcome(callerFor(w.t).auth.login({ username: 'admin_a', password: 'wrong-pass1' }))).toMatch(/^UNAUTHORIZED\//);
    await seedCompanies(w.t, 1);
    const mini = await boundMiniUser(w.t, 'caller-auth');
    expect(await outcome(callerFor(w.t, mini.token).auth.me())).toMatch(/^UNAUTHORIZED/);
  });
});
