// Sign-in at the suite's OpenID Connect provider: the authorization code flow with PKCE (RFC 7636) for a public
// client, as "OAuth 2.0 for Browser-Based Apps" describes it. Hand-written: the console's npm packages come through
// Maven (mvnpm), and no maintained browser OIDC library (oidc-client-ts) is served to this build; the flow is a
// discovery read, one redirect and one token request. The access token is then used exactly like a pasted one.
import { storedProviderSession, storeToken } from './token.js';

const PENDING = 'hartomat.sign-in';
const CALLBACK_PARAMS = ['code', 'state', 'session_state', 'iss', 'error', 'error_description', 'error_uri'];

/** RFC 4648 base64url without padding. */
export function base64url(bytes) {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A random URL-safe string from `bytes` random bytes (the PKCE verifier, the state). */
export function randomString(bytes, crypto = globalThis.crypto) {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** The S256 code challenge of a verifier: base64url(SHA-256(ASCII verifier)). */
export async function challengeOf(verifier, crypto = globalThis.crypto) {
  if (!crypto?.subtle) {
    throw new Error('signing in at the identity provider needs a secure page (https, or http on localhost): '
      + 'this browser offers no Web Crypto here');
  }
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

export function discoveryUrl(issuer) {
  return String(issuer).replace(/\/+$/, '') + '/.well-known/openid-configuration';
}

/** The console's address as the provider sends the user back to it: origin and path, no query, no route. */
export function redirectUriOf(location) {
  return location.origin + location.pathname;
}

export function authorizeUrl(discovery, { clientId, redirectUri, scope, state, challenge }) {
  if (!discovery?.authorization_endpoint) {
    throw new Error("the identity provider's discovery document names no authorization_endpoint");
  }
  const url = new URL(discovery.authorization_endpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', clientId);
  url.searchParams.set('redirect_uri', redirectUri);
  url.searchParams.set('scope', scope || 'openid');
  url.searchParams.set('state', state);
  url.searchParams.set('code_challenge', challenge);
  url.searchParams.set('code_challenge_method', 'S256');
  return url.toString();
}

/** The provider's answer in the console's query: {code, state}, {error, description, state}, or null for none. */
export function callbackOf(search) {
  const p = new URLSearchParams(search);
  if (p.has('error')) return { error: p.get('error'), description: p.get('error_description') || '', state: p.get('state') };
  if (p.has('code')) return { code: p.get('code'), state: p.get('state') };
  return null;
}

/** The console's address without the provider's answer (kept out of the history and of bookmarks). */
export function withoutCallback(location) {
  const p = new URLSearchParams(location.search);
  CALLBACK_PARAMS.forEach((name) => p.delete(name));
  const query = p.toString();
  return location.pathname + (query ? '?' + query : '') + location.hash;
}

/** The token request's form body (application/x-www-form-urlencoded). */
export function tokenRequestBody({ code, redirectUri, clientId, verifier }) {
  return new URLSearchParams({
    grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: clientId, code_verifier: verifier,
  }).toString();
}

/**
 * Checks the provider's answer against the sign-in this tab started and returns the token endpoint's request, or
 * throws an Error whose message tells the user what went wrong.
 */
export function tokenRequestFor(callback, pending) {
  if (!pending) throw new Error('the identity provider answered a sign-in this tab did not start; sign in again');
  if (!callback.state || callback.state !== pending.state) {
    throw new Error("the identity provider's answer does not belong to the sign-in this tab started (state differs); sign in again");
  }
  if (callback.error) {
    throw new Error('the identity provider refused the sign-in: ' + callback.error
      + (callback.description ? ' (' + callback.description + ')' : ''));
  }
  return {
    url: pending.token_endpoint,
    body: tokenRequestBody({ code: callback.code, redirectUri: pending.redirect_uri, clientId: pending.client_id, verifier: pending.verifier }),
  };
}

/** The access token from the token endpoint's answer, or an Error saying why there is none. */
export function accessTokenOf(status, body) {
  if (status < 200 || status >= 300) {
    return new Error('the identity provider issued no token (HTTP ' + status
      + (body?.error ? ': ' + body.error : '') + (body?.error_description ? ', ' + body.error_description : '') + ')');
  }
  if (!body?.access_token) return new Error("the identity provider's token answer carries no access_token");
  return body.access_token;
}

async function json(fetchFn, url, init, what) {
  let response;
  try {
    response = await fetchFn(url, init);
  } catch (e) {
    throw new Error('cannot reach the identity provider for its ' + what + ' (' + url + '): ' + (e.message || e));
  }
  let body = null;
  try {
    body = await response.json();
  } catch (e) {
    body = null;
  }
  return { status: response.status, body };
}

/** POSTs a token request (`{url, body}`, a form) to the provider's token endpoint: `{status, body}`. */
function postTokenRequest(fetchFn, request) {
  return json(fetchFn, request.url, {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: request.body,
  }, 'token endpoint');
}

/**
 * Starts a sign-in: reads the provider's discovery document, keeps the PKCE verifier and state in this tab's
 * sessionStorage and sends the browser to the provider's authorization endpoint.
 */
export async function beginSignIn(oidc, returnRoute, { location = window.location, storage = sessionStorage, fetchFn = fetch } = {}) {
  const { status, body: discovery } = await json(fetchFn, discoveryUrl(oidc.issuer), {}, 'discovery document');
  if (status !== 200 || !discovery?.token_endpoint) {
    throw new Error('the identity provider at ' + oidc.issuer + ' answered its discovery document with HTTP ' + status
      + (discovery?.token_endpoint ? '' : ' and no token_endpoint'));
  }
  const verifier = randomString(32);
  const state = randomString(16);
  const redirectUri = redirectUriOf(location);
  const url = authorizeUrl(discovery, { clientId: oidc.client_id, redirectUri, scope: oidc.scope, state, challenge: await challengeOf(verifier) });
  storage.setItem(PENDING, JSON.stringify({
    state, verifier, redirect_uri: redirectUri, client_id: oidc.client_id, token_endpoint: discovery.token_endpoint,
    end_session_endpoint: discovery.end_session_endpoint ?? null, return_route: returnRoute,
  }));
  location.assign(url);
}

/**
 * Finishes a sign-in when the provider sent the browser back (a `code` or an `error` in the query): removes the answer
 * from the address bar, exchanges the code for the access token and keeps it. Returns null when there is no answer,
 * `{route}` (where the user was going) once signed in, and throws an Error saying what failed otherwise.
 */
export async function completeSignIn({ location = window.location, history = window.history, storage = sessionStorage, fetchFn = fetch } = {}) {
  const callback = callbackOf(location.search);
  if (!callback) return null;
  history.replaceState(null, '', withoutCallback(location));
  const pending = JSON.parse(storage.getItem(PENDING) || 'null');
  storage.removeItem(PENDING);
  const { status, body } = await postTokenRequest(fetchFn, tokenRequestFor(callback, pending));
  const token = accessTokenOf(status, body);
  if (token instanceof Error) throw token;
  const provider = {
    token_endpoint: pending.token_endpoint, client_id: pending.client_id, refresh_token: body.refresh_token ?? null,
    end_session_endpoint: pending.end_session_endpoint ?? null, id_token: body.id_token ?? null,
  };
  try {
    storeToken(token, { provider });
  } catch (e) {
    throw new Error("the identity provider's access token is not a JWT, and the suite's services verify JWTs: " + e.message);
  }
  return { route: pending.return_route || '#/workflows' };
}

/** The token endpoint's request that renews the session's access token with its refresh token. */
export function refreshRequestFor(record) {
  return {
    url: record.token_endpoint,
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: record.refresh_token, client_id: record.client_id }).toString(),
  };
}

/**
 * How long from `nowMs` until the token should be renewed: a quarter of its lifetime before it expires, at most a
 * minute before (30 s without an `iat`); null for a token that names no expiry.
 */
export function refreshDelayMs(claims, nowMs) {
  if (typeof claims?.exp !== 'number') return null;
  const expMs = claims.exp * 1000;
  const lead = typeof claims.iat === 'number' ? Math.min(60_000, (expMs - claims.iat * 1000) / 4) : 30_000;
  return Math.max(0, expMs - lead - nowMs);
}

/**
 * Renews the session's access token at the provider (refresh_token grant) and keeps the new one, and the new refresh
 * token when the provider rotates it. Returns whether it did; when it cannot, the current token stays until it
 * expires, and the session then ends as any expired one.
 */
export async function refreshSession({ fetchFn = fetch } = {}) {
  const record = storedProviderSession();
  if (!record?.refresh_token || !record.token_endpoint) return false;
  let answer;
  try {
    answer = await postTokenRequest(fetchFn, refreshRequestFor(record));
  } catch (e) {
    return false;
  }
  const token = accessTokenOf(answer.status, answer.body);
  if (token instanceof Error) return false;
  try {
    storeToken(token, { provider: { ...record, refresh_token: answer.body.refresh_token || record.refresh_token,
      id_token: answer.body.id_token || record.id_token } });
  } catch (e) {
    return false;
  }
  return true;
}

/**
 * Where signing out sends the browser so that the user's session at the provider ends too (RP-initiated logout), back
 * to the console afterwards; null when the session is not the provider's or the provider names no end_session_endpoint
 * (signing out then only forgets the token here).
 */
export function signOutUrl(record, postLogoutRedirectUri) {
  if (!record?.end_session_endpoint) return null;
  const url = new URL(record.end_session_endpoint);
  url.searchParams.set('client_id', record.client_id);
  url.searchParams.set('post_logout_redirect_uri', postLogoutRedirectUri);
  if (record.id_token) url.searchParams.set('id_token_hint', record.id_token);
  return url.toString();
}
