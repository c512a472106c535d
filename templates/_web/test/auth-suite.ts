import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityDef } from '../lib/entity-types';
import { MAX_RESETS_PER_HOUR } from '../lib/server/auth/accounts';
import { hashToken } from '../lib/server/auth/tokens';
import { createMailer } from '../lib/server/auth/mailer';
import { MAX_FAILURES_PER_ADDRESS } from '../lib/server/auth/sign-in-limit';
import { readSettings, SettingsError } from '../lib/server/settings';
import { startSmtpSink } from './smtp-sink';
import { makeRecord } from './record-input';
import { createAs, type TestAppOptions, testApp } from './test-app';

/** Settings as the environment gives them (Next's types want NODE_ENV in every ProcessEnv). */
const env = (vars: Record<string, string>) => vars as NodeJS.ProcessEnv;

/** Accounts: cookies, stored secrets, sign-in limits, password reset, CSRF, invites and roles. */
export function authSuite(name: string, options: TestAppOptions) {
  describe(`accounts on ${name}`, () => {
    const app = testApp(options);
    const entity = options.entities[0] as EntityDef;
    const byName = new Map(options.entities.map((e) => [e.name, e]));
    const lookup = (n: string) => byName.get(n);

    beforeAll(() => app.open());
    afterAll(() => app.close());

    it('signs up into a workspace with an HttpOnly SameSite=Lax cookie, Secure over https, and stores only hashes', async () => {
      const agent = app.agent();
      const answer = await agent.call('POST', 'auth/sign-up', { email: ' Founder@Example.com ', password: 'a long passphrase' });
      expect(answer.status).toBe(201);
      const cookie = answer.headers.get('set-cookie') ?? '';
      expect(cookie).toMatch(/^app_session=[\w-]{20,};/);
      expect(cookie).toContain('HttpOnly');
      expect(cookie).toContain('SameSite=Lax');
      expect(cookie).not.toContain('Secure');
      const me = await agent.call('GET', 'auth/session');
      expect(me.body).toMatchObject({ user: { email: 'founder@example.com' }, role: 'owner' });
      const token = (agent.cookie ?? '').split('=')[1] as string;
      const { db } = app.context;
      const sessions = await db.query<{ id: string }>('SELECT id FROM app_sessions');
      expect(sessions.rows.map((r) => r.id)).toContain(hashToken(token));
      expect(JSON.stringify(sessions.rows)).not.toContain(token);
      const users = await db.query<{ password_hash: string }>('SELECT password_hash FROM app_users');
      expect(users.rows.every((u) => /^\$2[aby]\$\d\d\$/.test(u.password_hash))).toBe(true);
      expect(JSON.stringify(users.rows)).not.toContain('a long passphrase');

      const secure = app.agent();
      const overHttps = await secure.call('POST', 'auth/sign-up', { email: 'secure@example.com', password: 'a long passphrase' }, { 'x-forwarded-proto': 'https' });
      expect(overHttps.headers.get('set-cookie')).toContain('; Secure');
    });

    it('refuses a taken email, a short password and a non-address, saying which field', async () => {
      await app.signUp('taken@example.com');
      const taken = await app.agent().call('POST', 'auth/sign-up', { email: 'TAKEN@example.com', password: 'another password' });
      expect(taken.status).toBe(409);
      const weak = await app.agent().call('POST', 'auth/sign-up', { email: 'weak@example.com', password: 'short' });
      expect(weak.status).toBe(400);
      expect(Object.keys(weak.body.fields)).toEqual(['password']);
      const bad = await app.agent().call('POST', 'auth/sign-up', { email: 'not-an-address', password: 'long enough pw' });
      expect(bad.status).toBe(400);
      expect(Object.keys(bad.body.fields)).toEqual(['email']);
    });

    it('signs in and out; a signed-out cookie replayed opens nothing', async () => {
      const user = await app.signUp();
      const agent = app.agent();
      expect((await agent.call('POST', 'auth/sign-in', { email: user.email, password: 'wrong password' })).status).toBe(401);
      expect((await agent.call('POST', 'auth/sign-in', { email: user.email, password: user.password })).status).toBe(200);
      const cookie = agent.cookie;
      expect((await agent.call('GET', entity.route)).status).toBe(200);
      const out = await agent.call('POST', 'auth/sign-out');
      expect(out.status).toBe(204);
      expect(out.headers.get('set-cookie')).toContain('Max-Age=0');
      agent.cookie = cookie;
      expect((await agent.call('GET', entity.route)).status).toBe(401);
    });

    it(`refuses sign-in after ${MAX_FAILURES_PER_ADDRESS} failures, even with the right password, and still after a restart`, async () => {
      const user = await app.signUp();
      const agent = app.agent();
      const from = { 'x-forwarded-for': '203.0.113.7' };
      for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) {
        expect((await agent.call('POST', 'auth/sign-in', { email: user.email, password: `guess ${i}` }, from)).status).toBe(401);
      }
      const blocked = await agent.call('POST', 'auth/sign-in', { email: user.email, password: user.password }, from);
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
      await app.restart();
      expect((await agent.call('POST', 'auth/sign-in', { email: user.email, password: user.password }, from)).status).toBe(429);
      // Another address is counted apart, so one attacker cannot lock the owner out everywhere.
      const elsewhere = await agent.call('POST', 'auth/sign-in', { email: user.email, password: user.password }, { 'x-forwarded-for': '198.51.100.2' });
      expect(elsewhere.status).toBe(200);
    });

    it('resets a password with a single-use link, signs the old sessions out, and says the same for unknown emails', async () => {
      const user = await app.signUp();
      app.mail.length = 0;
      const unknown = await app.agent().call('POST', 'auth/password-reset', { email: 'nobody@example.com' });
      expect(unknown.status).toBe(202);
      expect(app.mail).toEqual([]);
      const asked = await app.agent().call('POST', 'auth/password-reset', { email: user.email });
      expect(asked.status).toBe(202);
      expect(asked.body).toEqual(unknown.body);
      expect(app.mail.map((m) => m.to)).toEqual([user.email]);
      const token = /reset-password\?token=([\w-]+)/.exec(app.mail[0]?.text ?? '')?.[1] as string;
      expect(token).toBeTruthy();
      expect(app.mail[0]?.text).toContain('http://app.test/reset-password?token=');
      const reset = await app.agent().call('POST', 'auth/password-reset/confirm', { token, password: 'a brand new secret' });
      expect(reset.status).toBe(200);
      expect((await user.call('GET', entity.route)).status).toBe(401);
      const again = await app.agent().call('POST', 'auth/password-reset/confirm', { token, password: 'yet another one' });
      expect(again.status).toBe(400);
      const agent = app.agent();
      expect((await agent.call('POST', 'auth/sign-in', { email: user.email, password: user.password })).status).toBe(401);
      expect((await agent.call('POST', 'auth/sign-in', { email: user.email, password: 'a brand new secret' })).status).toBe(200);
    });

    it(`mails at most ${MAX_RESETS_PER_HOUR} reset links an hour to one account, answering every request alike`, async () => {
      const user = await app.signUp();
      app.mail.length = 0;
      const answers: { status: number; body: unknown }[] = [];
      for (let i = 0; i < MAX_RESETS_PER_HOUR + 2; i++) {
        answers.push(await app.agent().call('POST', 'auth/password-reset', { email: user.email }));
      }
      expect(answers.map((a) => a.status)).toEqual(answers.map(() => 202));
      expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
      expect(app.mail.filter((m) => m.to === user.email)).toHaveLength(MAX_RESETS_PER_HOUR);
    });

    it('mails the reset through APP_SMTP_URL, and prints it to the log without one', async () => {
      const sink = await startSmtpSink();
      try {
        const settings = readSettings(env({ APP_SMTP_URL: sink.url, APP_URL: 'https://app.example.com' }));
        expect(settings.mailFrom).toBe('no-reply@app.example.com');
        const mailer = createMailer(settings.smtpUrl, settings.mailFrom);
        await mailer({ to: 'someone@example.com', subject: 'Reset your password', text: 'open https://app.example.com/reset-password?token=abc' });
        expect(sink.received.map((m) => [m.from, m.to])).toEqual([['no-reply@app.example.com', ['someone@example.com']]]);
        expect(sink.received[0]?.data).toContain('reset-password?token=abc');
      } finally {
        await sink.close();
      }
      const printed: string[] = [];
      const original = console.log;
      console.log = (...args: unknown[]) => void printed.push(args.join(' '));
      try {
        await createMailer(undefined, 'x@localhost')({ to: 'a@example.com', subject: 'Reset your password', text: 'the link' });
      } finally {
        console.log = original;
      }
      expect(printed.join('\n')).toMatch(/a@example\.com[\s\S]*the link/);
      // Mailed links must not follow a request's Host header: SMTP without APP_URL stops the app.
      expect(() => readSettings(env({ APP_SMTP_URL: sink.url }))).toThrow(SettingsError);
      expect(() => readSettings(env({ APP_SMTP_URL: sink.url }))).toThrow(/APP_URL/);
    });

    it('refuses writes sent from another site before doing anything', async () => {
      const user = await app.signUp();
      const { body } = await makeRecord(entity, 7, lookup, (e, b) => createAs(user, e, b));
      const before = (await user.call('GET', entity.route)).body.total;
      const evil = await user.call('POST', entity.route, body, { origin: 'https://evil.example' });
      expect(evil.status).toBe(403);
      const fetchSite = await user.call('POST', entity.route, body, { 'sec-fetch-site': 'cross-site' });
      expect(fetchSite.status).toBe(403);
      const signOut = await user.call('POST', 'auth/sign-out', undefined, { origin: 'https://evil.example' });
      expect(signOut.status).toBe(403);
      expect((await user.call('GET', entity.route)).body.total).toBe(before);
      const same = await user.call('POST', entity.route, body, { origin: 'http://app.test', 'sec-fetch-site': 'same-origin' });
      expect(same.status).toBe(201);
    });

    it('lets an owner invite by a single-use link and remove a member; members do neither', async () => {
      const owner = await app.signUp();
      const record = await makeRecord(entity, 8, lookup, (e, b) => createAs(owner, e, b));
      const invite = await owner.call('POST', 'auth/invites');
      expect(invite.status).toBe(201);
      const token = new URL(invite.body.url).searchParams.get('token');
      const member = app.agent();
      const joined = await member.call('POST', 'auth/join', { token, email: `member-${Date.now()}@example.com`, password: 'member password' });
      expect(joined.status).toBe(201);
      expect((await member.call('GET', 'auth/session')).body).toMatchObject({ role: 'member', workspace: { id: (await owner.call('GET', 'auth/session')).body.workspace.id } });
      expect((await member.call('GET', `${entity.route}/${record.id}`)).status).toBe(200);
      const reused = await app.agent().call('POST', 'auth/join', { token, email: 'second@example.com', password: 'member password' });
      expect(reused.status).toBe(400);
      expect((await member.call('POST', 'auth/invites')).status).toBe(403);
      const members = (await owner.call('GET', 'auth/members')).body.items;
      expect(members.map((m) => m.role)).toEqual(['owner', 'member']);
      const [ownerRow, memberRow] = members;
      expect((await member.call('DELETE', `auth/members/${ownerRow?.id}`)).status).toBe(403);
      expect((await owner.call('DELETE', `auth/members/${memberRow?.id}`)).status).toBe(204);
      expect((await member.call('GET', `${entity.route}/${record.id}`)).status).toBe(401);

      const late = await owner.call('POST', 'auth/invites');
      const lateToken = new URL(late.body.url).searchParams.get('token') as string;
      await app.context.db.query("UPDATE app_invites SET expires_at = now() - interval '1 minute' WHERE id = $1", [hashToken(lateToken)]);
      const expired = await app.agent().call('POST', 'auth/join', { token: lateToken, email: 'late@example.com', password: 'member password' });
      expect(expired.status).toBe(400);
    });
  });
}
