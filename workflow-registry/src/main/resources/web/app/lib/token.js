// The bearer token of the session: kept in sessionStorage (gone when the tab closes), never in a cookie or the URL.
const KEY = 'hartomat.token';
// with a token from the identity provider, the session there: how to renew the token and how to end the session
// ({token_endpoint, client_id, refresh_token, end_session_endpoint, id_token})
const PROVIDER_KEY = 'hartomat.provider-session';

/** The claims of a JWT (not verified here: every service verifies the token it receives). */
export function decodeClaims(token) {
  const parts = String(token || '').trim().split('.');
  if (parts.length < 2) throw new Error('not a JWT: expected header.payload.signature');
  const b64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
  const padded = b64 + '='.repeat((4 - (b64.length % 4)) % 4);
  const json = decodeURIComponent(Array.from(atob(padded), (c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''));
  return JSON.parse(json);
}

export function storedToken() {
  return sessionStorage.getItem(KEY);
}

/** Keeps the session's token; `provider` is its session at the identity provider, none for a pasted token. */
export function storeToken(token, { provider = null } = {}) {
  decodeClaims(token); // refuse what is not a JWT before keeping it
  sessionStorage.setItem(KEY, token.trim());
  if (provider) sessionStorage.setItem(PROVIDER_KEY, JSON.stringify(provider));
  else sessionStorage.removeItem(PROVIDER_KEY);
}

export function storedProviderSession() {
  try {
    return JSON.parse(sessionStorage.getItem(PROVIDER_KEY) || 'null');
  } catch (e) {
    return null;
  }
}

export function clearToken() {
  sessionStorage.removeItem(KEY);
  sessionStorage.removeItem(PROVIDER_KEY);
}

/**
 * `…/workflows/?token=<jwt>#/…` signs in with that token and removes it from the address bar (history.replaceState),
 * so that it stays out of the history and of bookmarks.
 */
export function adoptTokenFromUrl(location, history) {
  const params = new URLSearchParams(location.search);
  const token = params.get('token');
  if (!token) return false;
  params.delete('token');
  const query = params.toString();
  history.replaceState(null, '', location.pathname + (query ? '?' + query : '') + location.hash);
  try {
    storeToken(token);
    return true;
  } catch (e) {
    return false;
  }
}

/** When the token expires (its `exp` claim) in epoch milliseconds, or null when it names no expiry. */
export function expiresAtMs(claims) {
  return typeof claims?.exp === 'number' ? claims.exp * 1000 : null;
}

/** True once the token's `exp` has passed: every service would refuse it with 401, so the console signs out. */
export function expired(claims, nowMs) {
  const at = expiresAtMs(claims);
  return at !== null && nowMs >= at;
}
