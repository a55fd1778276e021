// Roles and what they may do (docs/security.md): viewer ⊂ author ⊂ operator ⊂ admin. A control whose action the
// signed-in roles do not allow is not rendered at all (not merely disabled).
export const ROLE_ORDER = ['viewer', 'author', 'operator', 'admin'];

/**
 * The roles a token carries under the claim the services read them from (`smallrye.jwt.path.groups`, served to the
 * console as `roles_claim`): a top-level claim (`groups`) or a path of nested claims (`realm_access/roles`, Keycloak's
 * realm roles). A single string counts as one role.
 */
export function rolesClaimed(claims, path = 'groups') {
  let value = claims;
  for (const part of String(path || 'groups').split('/')) {
    value = value && typeof value === 'object' ? value[part] : undefined;
  }
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v) => typeof v === 'string') : [];
}

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
