// Hash routes: #/sign-in, #/workflows, #/editor/new, #/editor/<id>, #/runs, #/runs/<id>, #/rollouts.
export function parseRoute(hash) {
  const path = String(hash || '').replace(/^#/, '').split('?')[0];
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  switch (parts[0]) {
    case 'sign-in': return { page: 'sign-in' };
    case 'workflows': return { page: 'workflows' };
    case 'editor': return parts[1] === 'new' || !parts[1] ? { page: 'editor', id: null } : { page: 'editor', id: parts[1] };
    case 'runs': return parts[1] ? { page: 'run', id: parts[1] } : { page: 'runs' };
    case 'rollouts': return { page: 'rollouts' };
    default: return { page: 'workflows', redirect: true };
  }
}

export function go(hash) {
  if (location.hash === hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = hash;
}
