// Unit tests of the console's sign-in (lib/oidc.js: the authorization code flow with PKCE; lib/token.js: expiry).
// Run by `node --test workflow-registry/src/test/js/` and, in Chromium, by system-tests' ConsoleLogicTest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as oidc from '../../main/resources/web/app/lib/oidc.js';
import { expired, storedProviderSession, storedToken, storeToken } from '../../main/resources/web/app/lib/token.js';
import { effectiveRoles, rolesClaimed } from '../../main/resources/web/app/lib/roles.js';

function memoryStorage() {
  const m = new Map();
  return { getItem: (k) => (m.has(k) ? m.get(k) : null), setItem: (k, v) => m.set(k, String(v)), removeItem: (k) => m.delete(k) };
}
// token.js keeps the session's token in sessionStorage; Node has none
globalThis.sessionStorage ??= memoryStorage();

function jwt(claims) {
  const part = (o) => btoa(JSON.stringify(o)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return part({ alg: 'RS256' }) + '.' + part(claims) + '.c2ln';
}

async function rejection(promise) {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  return null;
}

test('the S256 challenge is the one RFC 7636 gives for its example verifier', async () => {
  assert.equal(await oidc.challengeOf('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'), 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  assert.equal(oidc.base64url(new Uint8Array([251, 255, 191])), '-_-_', 'base64url, no padding');
  assert.match(oidc.randomString(32), /^[A-Za-z0-9_-]{43}$/, '32 random bytes make a 43-character verifier');
  const noCrypto = await rejection(oidc.challengeOf('x', {}));
  assert.match(noCrypto?.message ?? '', /secure page/, 'without Web Crypto the user is told why');
});

test('the authorization request asks for a code with the S256 challenge, for the console as a public client', () => {
  const url = new URL(oidc.authorizeUrl({ authorization_endpoint: 'https://sso.example.com/auth?kc_idp_hint=corp' },
    { clientId: 'hartomat-console', redirectUri: 'https://suite.example.com/workflows/', scope: 'openid profile', state: 's1', challenge: 'c1' }));
  assert.equal(url.origin + url.pathname, 'https://sso.example.com/auth');
  const p = Object.fromEntries(url.searchParams);
  assert.deepEqual(p, { kc_idp_hint: 'corp', response_type: 'code', client_id: 'hartomat-console', redirect_uri: 'https://suite.example.com/workflows/',
    scope: 'openid profile', state: 's1', code_challenge: 'c1', code_challenge_method: 'S256' });
  let refused = null;
  try {
    oidc.authorizeUrl({}, { clientId: 'c', redirectUri: 'r', state: 's', challenge: 'c' });
  } catch (e) {
    refused = e;
  }
  assert.match(refused?.message ?? '', /no authorization_endpoint/);
  assert.equal(oidc.discoveryUrl('https://sso.example.com/realms/h/'), 'https://sso.example.com/realms/h/.well-known/openid-configuration');
  assert.equal(oidc.redirectUriOf(new URL('https://suite.example.com/workflows/?x=1#/runs/7')), 'https://suite.example.com/workflows/');
});

test("the provider's answer is read from the query and removed from the address, other parameters stay", () => {
  assert.deepEqual(oidc.callbackOf('?code=abc&state=s1&session_state=z'), { code: 'abc', state: 's1' });
  assert.deepEqual(oidc.callbackOf('?error=access_denied&error_description=no+roles&state=s1'),
    { error: 'access_denied', description: 'no roles', state: 's1' });
  assert.equal(oidc.callbackOf('?tab=2'), null);
  assert.equal(oidc.withoutCallback(new URL('https://h/workflows/?code=abc&state=s1&iss=x&tab=2#/runs')), '/workflows/?tab=2#/runs');
  assert.equal(oidc.withoutCallback(new URL('https://h/workflows/?code=abc&state=s1')), '/workflows/');
});

test('an answer for another sign-in, without one started, or a refusal is never exchanged', () => {
  const pending = { state: 's1', verifier: 'v1', redirect_uri: 'https://h/workflows/', client_id: 'hc', token_endpoint: 'https://sso/token' };
  const attempt = (callback, p) => {
    try {
      return oidc.tokenRequestFor(callback, p);
    } catch (e) {
      return e;
    }
  };
  assert.match(attempt({ code: 'c', state: 's2' }, pending).message, /does not belong to the sign-in this tab started/);
  assert.match(attempt({ code: 'c', state: null }, pending).message, /state differs/);
  assert.match(attempt({ code: 'c', state: 's1' }, null).message, /did not start/);
  assert.match(attempt({ error: 'access_denied', description: 'user has no role', state: 's1' }, pending).message,
    /refused the sign-in: access_denied \(user has no role\)/);
  const ok = attempt({ code: 'c9', state: 's1' }, pending);
  assert.equal(ok.url, 'https://sso/token');
  assert.deepEqual(Object.fromEntries(new URLSearchParams(ok.body)),
    { grant_type: 'authorization_code', code: 'c9', redirect_uri: 'https://h/workflows/', client_id: 'hc', code_verifier: 'v1' });
});

test("the token endpoint's answer: the access token, or why there is none", () => {
  assert.equal(oidc.accessTokenOf(200, { access_token: 'a.b.c', token_type: 'Bearer' }), 'a.b.c');
  assert.match(oidc.accessTokenOf(400, { error: 'invalid_grant', error_description: 'PKCE verification failed' }).message,
    /issued no token \(HTTP 400: invalid_grant, PKCE verification failed\)/);
  assert.match(oidc.accessTokenOf(200, { id_token: 'x' }).message, /no access_token/);
});

test('a token is expired once its exp has passed; one without exp never expires here', () => {
  assert.equal(expired({ exp: 1000 }, 999_999), false);
  assert.equal(expired({ exp: 1000 }, 1_000_000), true);
  assert.equal(expired({ sub: 'alice' }, Date.now()), false);
});

test('a whole sign-in: discovery, redirect with the challenge, back with the code, exchanged with the verifier', async () => {
  const storage = memoryStorage();
  const requests = [];
  const token = jwt({ sub: 'alice', groups: ['operator'], exp: Math.floor(Date.now() / 1000) + 300 });
  const fetchFn = async (url, init = {}) => {
    requests.push({ url, init });
    if (url === 'https://sso.example.com/realms/h/.well-known/openid-configuration') {
      return { status: 200, json: async () => ({ authorization_endpoint: 'https://sso.example.com/realms/h/auth', token_endpoint: 'https://sso.example.com/realms/h/token',
        end_session_endpoint: 'https://sso.example.com/realms/h/logout' }) };
    }
    if (url === 'https://sso.example.com/realms/h/token') return { status: 200, json: async () => ({ access_token: token, refresh_token: 'r1', id_token: 'id1' }) };
    return { status: 404, json: async () => null };
  };
  let assigned = null;
  const start = { origin: 'https://suite.example.com', pathname: '/workflows/', search: '', hash: '#/runs/r1', assign: (u) => { assigned = u; } };
  await oidc.beginSignIn({ issuer: 'https://sso.example.com/realms/h', client_id: 'hartomat-console', scope: 'openid' }, '#/runs/r1',
    { location: start, storage, fetchFn });
  const sent = new URL(assigned);
  assert.equal(sent.origin + sent.pathname, 'https://sso.example.com/realms/h/auth');
  assert.equal(sent.searchParams.get('redirect_uri'), 'https://suite.example.com/workflows/');

  const replaced = [];
  const back = { origin: 'https://suite.example.com', pathname: '/workflows/', hash: '',
    search: '?state=' + encodeURIComponent(sent.searchParams.get('state')) + '&code=the-code' };
  const done = await oidc.completeSignIn({ location: back, history: { replaceState: (s, t, u) => replaced.push(u) }, storage, fetchFn });
  assert.deepEqual(done, { route: '#/runs/r1' }, 'back where the user was going');
  assert.deepEqual(replaced, ['/workflows/'], 'the code leaves the address bar');
  const exchange = requests.at(-1);
  assert.equal(exchange.init.method, 'POST');
  const form = new URLSearchParams(exchange.init.body);
  assert.equal(form.get('code'), 'the-code');
  assert.equal(await oidc.challengeOf(form.get('code_verifier')), sent.searchParams.get('code_challenge'),
    'the verifier sent with the code is the one the challenge was made from');
  assert.equal(storedToken(), token);
  assert.deepEqual(storedProviderSession(), { token_endpoint: 'https://sso.example.com/realms/h/token', client_id: 'hartomat-console',
    refresh_token: 'r1', end_session_endpoint: 'https://sso.example.com/realms/h/logout', id_token: 'id1' },
    'how to renew the token and end the session is kept with it');
  assert.equal(storage.getItem('hartomat.sign-in'), null, 'the verifier is gone once used');

  const replay = await rejection(oidc.completeSignIn({ location: back, history: { replaceState: () => {} }, storage, fetchFn }));
  assert.match(replay?.message ?? '', /did not start/, 'the same answer a second time is refused');
  assert.equal(await oidc.completeSignIn({ location: { search: '' }, history: {}, storage, fetchFn }), null, 'no answer, nothing to do');
});

test("a token's roles are read from the claim the services read them from, nested or not", () => {
  const keycloak = { sub: 'k', realm_access: { roles: ['offline_access', 'operator'] }, groups: ['viewer'] };
  assert.deepEqual(rolesClaimed(keycloak, 'realm_access/roles'), ['offline_access', 'operator']);
  assert.deepEqual(rolesClaimed(keycloak), ['viewer'], 'groups by default');
  assert.deepEqual([...effectiveRoles(rolesClaimed(keycloak, 'realm_access/roles'))], ['viewer', 'author', 'operator']);
  assert.deepEqual(rolesClaimed({ groups: 'admin' }, 'groups'), ['admin'], 'one role as a string');
  assert.deepEqual(rolesClaimed({ sub: 'x' }, 'realm_access/roles'), [], 'no such claim: no role');
  assert.deepEqual(rolesClaimed({ realm_access: 'odd' }, 'realm_access/roles'), []);
});

test('a token from the provider is renewed a quarter of its lifetime (at most a minute) before it expires', () => {
  assert.equal(oidc.refreshDelayMs({ iat: 0, exp: 300 }, 0), 240_000, 'a 5-minute token: a minute before');
  assert.equal(oidc.refreshDelayMs({ iat: 0, exp: 8 }, 0), 6_000, 'an 8-second token: 2 s before');
  assert.equal(oidc.refreshDelayMs({ exp: 100 }, 0), 70_000, 'no iat: 30 s before');
  assert.equal(oidc.refreshDelayMs({ iat: 0, exp: 300 }, 299_000), 0, 'due now');
  assert.equal(oidc.refreshDelayMs({ sub: 'x' }, 0), null, 'no expiry: nothing to renew');
  assert.deepEqual(Object.fromEntries(new URLSearchParams(oidc.refreshRequestFor({ token_endpoint: 't', client_id: 'hc', refresh_token: 'r1' }).body)),
    { grant_type: 'refresh_token', refresh_token: 'r1', client_id: 'hc' });
});

test('renewing keeps the new token and the rotated refresh token; a refusal keeps the current token', async () => {
  const first = jwt({ sub: 'rafael', exp: Math.floor(Date.now() / 1000) + 10 });
  const second = jwt({ sub: 'rafael', exp: Math.floor(Date.now() / 1000) + 20 });
  storeToken(first, { provider: { token_endpoint: 'https://sso/token', client_id: 'hc', refresh_token: 'r1', id_token: 'id1' } });
  const sent = [];
  const ok = await oidc.refreshSession({ fetchFn: async (url, init) => {
    sent.push(Object.fromEntries(new URLSearchParams(init.body)));
    return { status: 200, json: async () => ({ access_token: second, refresh_token: 'r2' }) };
  } });
  assert.equal(ok, true);
  assert.deepEqual(sent, [{ grant_type: 'refresh_token', refresh_token: 'r1', client_id: 'hc' }]);
  assert.equal(storedToken(), second);
  assert.equal(storedProviderSession().refresh_token, 'r2', 'the rotated refresh token replaces the used one');
  assert.equal(storedProviderSession().id_token, 'id1', 'an answer without an id token keeps the one there is');

  const refused = await oidc.refreshSession({ fetchFn: async () => ({ status: 400, json: async () => ({ error: 'invalid_grant' }) }) });
  assert.equal(refused, false);
  assert.equal(storedToken(), second, 'the current token stays until it expires');
  const unreachable = await oidc.refreshSession({ fetchFn: async () => { throw new Error('offline'); } });
  assert.equal(unreachable, false);

  storeToken(first);
  assert.equal(storedProviderSession(), null, 'a pasted token replaces the session: nothing to renew');
  assert.equal(await oidc.refreshSession({ fetchFn: async () => { throw new Error('not called'); } }), false);
});

test("signing out ends the provider's session too when the provider names an end_session_endpoint", () => {
  const url = new URL(oidc.signOutUrl({ client_id: 'hartomat-console', end_session_endpoint: 'https://sso.example.com/realms/h/logout?ui_locales=de', id_token: 'id1' },
    'https://suite.example.com/workflows/'));
  assert.equal(url.origin + url.pathname, 'https://sso.example.com/realms/h/logout');
  assert.deepEqual(Object.fromEntries(url.searchParams), { ui_locales: 'de', client_id: 'hartomat-console',
    post_logout_redirect_uri: 'https://suite.example.com/workflows/', id_token_hint: 'id1' });
  assert.equal(new URL(oidc.signOutUrl({ client_id: 'c', end_session_endpoint: 'https://sso/logout' }, 'https://h/workflows/')).searchParams.has('id_token_hint'), false,
    'no id token: no hint');
  assert.equal(oidc.signOutUrl({ client_id: 'c', end_session_endpoint: null }, 'https://h/workflows/'), null, 'no endpoint: only forgotten here');
  assert.equal(oidc.signOutUrl(null, 'https://h/workflows/'), null, 'a pasted token has no provider session');
});
