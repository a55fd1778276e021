// Roles and what they may do (docs/security.md): viewer ⊂ author ⊂ operator ⊂ admin. A control whose action the
// signed-in roles do not allow is not rendered at all (not merely disabled).
export const ROLE_ORDER = ['viewer', 'author', 'operator', 'admin'];

/** The effective roles of a token's groups: each known role implies every role below it. */
export function effectiveRoles(groups) {
  const given = Array.isArray(groups) ? groups : (typeof groups === 'string' ? [groups] : []);
  const top = Math.max(-1, ...given.map((g) => ROLE_ORDER.indexOf(g)));
  return new Set(ROLE_ORDER.slice(0, top + 1));
}

export const ACTIONS = {
  author: 'author', // create / edit / save / validate / preflight / draft dispatch
  dispatch: 'author',
  runControl: 'operator', // resume, retry, cancel
  rolloutSwitch: 'operator',
  forceSwitch: 'admin',
};

export function may(roles, action) {
  return roles.has(ACTIONS[action] || action);
}
