import { html, render, nothing } from 'lit';
import { adoptTokenFromUrl, clearToken, decodeClaims, expired, expiresAtMs, storedProviderSession, storedToken, storeToken } from './lib/token.js';
import { beginSignIn, callbackOf, completeSignIn, redirectUriOf, refreshDelayMs, refreshSession, signOutUrl } from './lib/oidc.js';
import { effectiveRoles, rolesClaimed } from './lib/roles.js';
import { onApiError } from './lib/api.js';
import { go, parseRoute } from './lib/router.js';
import { workflowsPage } from './pages/workflows.js';
import { editorPage } from './pages/editor.js';
import { runsPage } from './pages/runs.js';
import { runPage } from './pages/run.js';
import { rolloutsPage } from './pages/rollouts.js';

// The console's shell: sign-in, navigation, the error banner and the hash router. Each page is a function
// (container, route, session) → unmount, rendering itself with lit into its container.

const root = document.getElementById('app');
let error = null;
let unmount = null;
/** Why the user is (back) on the sign-in page: an expired session, or a sign-in at the provider that failed. */
let signInNotice = '';
let signInProblem = '';
// where a signed-out user was going (a run's link, say): the page after signing in
const RETURN_KEY = 'hartomat.return';
// how to sign in and where a token's roles are (GET /workflows/settings), read once when the console loads
const settings = fetch('/workflows/settings', { headers: { Accept: 'application/json' } })
  .then((r) => (r.ok ? r.json() : null))
  .catch(() => null);
let rolesClaim = 'groups';

function session() {
  const token = storedToken();
  if (!token) return null;
  try {
    const claims = decodeClaims(token);
    if (expired(claims, Date.now())) {
      endExpiredSession(claims);
      return null;
    }
    const groups = rolesClaimed(claims, rolesClaim);
    return { token, subject: claims.sub ?? '(no subject)', roles: effectiveRoles(groups), groups };
  } catch (e) {
    clearToken();
    return null;
  }
}

function endExpiredSession(claims) {
  clearToken();
  signInNotice = 'Your session ended: the token expired at ' + new Date(expiresAtMs(claims)).toLocaleString() + '. Sign in again.';
}

function showError(err) {
  error = err ? { code: err.code, message: err.message, path: err.path ?? '', status: err.status } : null;
  renderShell();
}
onApiError((err) => {
  // a token that expired while a page was open: every call would now be refused, so sign in again
  if (err.status === 401 && storedToken() && !session()) {
    pageKey = null;
    route();
    return;
  }
  showError(err);
});

function returnRoute() {
  return sessionStorage.getItem(RETURN_KEY) || '#/workflows';
}

function signedIn(routeAfter) {
  sessionStorage.removeItem(RETURN_KEY);
  signInNotice = '';
  signInProblem = '';
  scheduleRefresh();
  go(routeAfter);
}

// A token from the identity provider is renewed before it expires (refresh_token grant), so a page left open (a run
// followed live) is not interrupted; a pasted token is not, and ends with its expiry.
let refreshTimer = null;
function scheduleRefresh() {
  clearTimeout(refreshTimer);
  refreshTimer = null;
  const token = storedToken();
  if (!token || !storedProviderSession()?.refresh_token) return;
  let delay;
  try {
    delay = refreshDelayMs(decodeClaims(token), Date.now());
  } catch (e) {
    return;
  }
  if (delay === null) return;
  refreshTimer = setTimeout(async () => {
    if (storedToken() === token && await refreshSession()) scheduleRefresh();
  }, delay);
}

function banner() {
  if (!error) return nothing;
  return html`<div class="error-banner" data-testid="error-banner" role="alert">
    <span class="code" data-testid="error-code">${error.code}</span>
    <span class="message" data-testid="error-message">${error.message}</span>
    <span class="path" data-testid="error-path">path: ${error.path === '' ? '""' : error.path}</span>
    <button class="link" @click=${() => showError(null)} title="dismiss">×</button>
  </div>`;
}

function header(s) {
  if (!s) return html`<header><span class="brand">HartOMat Workflows</span></header>`;
  return html`<header>
    <span class="brand">HartOMat Workflows</span>
    <nav>
      <a href="#/workflows" data-testid="nav-workflows">Workflows</a>
      <a href="#/runs" data-testid="nav-runs">Runs</a>
      <a href="#/rollouts" data-testid="nav-rollouts">Rollouts</a>
    </nav>
    <span class="who" data-testid="signed-in-as">${s.subject} (${[...s.roles].join(', ') || 'no role'})</span>
    <button data-testid="sign-out" @click=${signOut}>Sign out</button>
  </header>`;
}

// Signing out forgets the token and, for a session from the identity provider, ends that session too (the provider
// sends the browser back to the console, signed out); the flag carries the notice across that round trip.
const SIGNED_OUT_KEY = 'hartomat.signed-out';
function signOut() {
  const atProvider = signOutUrl(storedProviderSession(), redirectUriOf(window.location));
  clearToken();
  clearTimeout(refreshTimer);
  sessionStorage.removeItem(RETURN_KEY);
  if (atProvider) {
    sessionStorage.setItem(SIGNED_OUT_KEY, 'yes');
    window.location.assign(atProvider);
    return;
  }
  signInNotice = 'You signed out.';
  go('#/sign-in');
}

function signInPage(container) {
  let problem = signInProblem;
  signInProblem = '';
  let provider; // undefined while the settings are read, then the provider's settings or null (none configured)
  let leaving = false;
  const submit = () => {
    const value = container.querySelector('[data-testid=token-input]').value;
    try {
      const claims = decodeClaims(value);
      if (expired(claims, Date.now())) {
        throw new Error('it expired at ' + new Date(expiresAtMs(claims)).toLocaleString());
      }
      storeToken(value);
      signedIn(returnRoute());
    } catch (e) {
      problem = 'That is not a usable bearer token (JWT): ' + e.message;
      draw();
    }
  };
  const atProvider = async () => {
    problem = '';
    leaving = true;
    draw();
    try {
      await beginSignIn(provider, returnRoute());
    } catch (e) {
      leaving = false;
      problem = 'Cannot sign in at the identity provider: ' + e.message;
      draw();
    }
  };
  const draw = () => render(html`<section class="sign-in">
      <h1>Sign in</h1>
      ${signInNotice ? html`<p class="notice" data-testid="sign-in-notice">${signInNotice}</p>` : nothing}
      ${provider ? html`<p>
          <button data-testid="sign-in-provider" class="primary" ?disabled=${leaving} @click=${atProvider}>Sign in with your identity provider</button>
          <span class="hint" data-testid="sign-in-issuer">${provider.issuer}</span>
        </p>
        <p>Or paste a bearer token (JWT) of the suite's identity provider:</p>`
      : html`<p>Paste a bearer token (JWT) of the suite's identity provider. Locally: <code>./hartomat token --role operator --sub you</code>.</p>`}
      <textarea data-testid="token-input" rows="6" cols="80" placeholder="eyJ…"></textarea>
      <div><button data-testid="sign-in" class=${provider ? '' : 'primary'} @click=${submit}>Sign in with this token</button></div>
      ${problem ? html`<p class="problem" data-testid="sign-in-problem">${problem}</p>` : nothing}
    </section>`, container);
  draw();
  settings.then((loaded) => {
    provider = loaded?.oidc ?? null;
    draw();
  });
  return () => {};
}

const PAGES = { workflows: workflowsPage, editor: editorPage, runs: runsPage, run: runPage, rollouts: rolloutsPage };
let pageKey = null;

function renderShell() {
  render(html`${header(session())}${banner()}<main id="page"></main>`, root);
}

function route() {
  const r = parseRoute(location.hash);
  const s = session();
  if (!s && r.page !== 'sign-in') {
    sessionStorage.setItem(RETURN_KEY, location.hash);
    go('#/sign-in');
    return;
  }
  if (r.redirect) {
    go('#/workflows');
    return;
  }
  const key = location.hash;
  if (key === pageKey) return;
  pageKey = key;
  if (unmount) unmount();
  error = null;
  renderShell();
  const container = root.querySelector('#page');
  // lit keeps its own marker in a container; a fresh element per page keeps pages apart
  const pageRoot = document.createElement('div');
  pageRoot.className = 'page page-' + r.page;
  container.replaceChildren(pageRoot);
  unmount = r.page === 'sign-in' ? signInPage(pageRoot) : PAGES[r.page](pageRoot, r, s);
}

async function start() {
  if (sessionStorage.getItem(SIGNED_OUT_KEY)) {
    sessionStorage.removeItem(SIGNED_OUT_KEY);
    signInNotice = 'You signed out, here and at the identity provider.';
  }
  adoptTokenFromUrl(window.location, window.history);
  rolesClaim = (await settings)?.roles_claim || 'groups';
  let done = null;
  if (callbackOf(window.location.search)) {
    render(html`<p class="signing-in" data-testid="signing-in">Signing in…</p>`, root);
    try {
      done = await completeSignIn();
    } catch (e) {
      signInProblem = 'Not signed in: ' + e.message;
    }
  }
  window.addEventListener('hashchange', () => {
    pageKey = null;
    route();
  });
  renderShell();
  if (done) {
    signedIn(done.route);
  } else {
    scheduleRefresh(); // a reload keeps the tab's session, and its refresh token
    route();
  }
}
start();
