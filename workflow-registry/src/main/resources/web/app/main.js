import { html, render, nothing } from 'lit';
import { adoptTokenFromUrl, clearToken, decodeClaims, storedToken, storeToken } from './lib/token.js';
import { effectiveRoles } from './lib/roles.js';
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

function session() {
  const token = storedToken();
  if (!token) return null;
  try {
    const claims = decodeClaims(token);
    return { token, subject: claims.sub ?? '(no subject)', roles: effectiveRoles(claims.groups), groups: claims.groups || [] };
  } catch (e) {
    clearToken();
    return null;
  }
}

function showError(err) {
  error = err ? { code: err.code, message: err.message, path: err.path ?? '', status: err.status } : null;
  renderShell();
}
onApiError(showError);

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
    <button data-testid="sign-out" @click=${() => { clearToken(); go('#/sign-in'); }}>Sign out</button>
  </header>`;
}

function signInPage(container) {
  let problem = '';
  const submit = () => {
    const value = container.querySelector('[data-testid=token-input]').value;
    try {
      storeToken(value);
      go('#/workflows');
    } catch (e) {
      problem = 'That is not a bearer token (JWT): ' + e.message;
      draw();
    }
  };
  const draw = () => render(html`<section class="sign-in">
      <h1>Sign in</h1>
      <p>Paste a bearer token (JWT) of the suite's identity provider. Locally: <code>./hartomat token --role operator --sub you</code>.</p>
      <textarea data-testid="token-input" rows="6" cols="80" placeholder="eyJ…"></textarea>
      <div><button data-testid="sign-in" class="primary" @click=${submit}>Sign in</button></div>
      ${problem ? html`<p class="problem">${problem}</p>` : nothing}
    </section>`, container);
  draw();
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

adoptTokenFromUrl(window.location, window.history);
window.addEventListener('hashchange', () => {
  pageKey = null;
  route();
});
renderShell();
route();
