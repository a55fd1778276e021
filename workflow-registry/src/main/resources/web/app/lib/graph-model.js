// The workflow config (docs/registry.md "Canonical workflow config") as the editor changes it. Pure functions: each
// returns a new config and leaves its argument alone, so the editor can compare drafts with what was saved.

export function emptyConfig() {
  return { version: 1, ui: { preset: 'custom', execution_mode: 'graph' }, nodes: [], edges: [] };
}

export function clone(value) {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

export function definitionsByStep(definitions) {
  return new Map(definitions.map((d) => [d.step, d]));
}

/**
 * The family of a graph: the one family every node's step allows (glb_bbox is allowed in both, so it does not decide
 * alone); null for an empty graph or one whose steps do not agree.
 */
export function graphFamily(config, byStep) {
  let common = null;
  for (const node of config.nodes || []) {
    const def = byStep.get(node.step);
    if (!def) continue;
    const families = new Set(def.families || [def.family]);
    common = common === null ? families : new Set([...common].filter((f) => families.has(f)));
  }
  if (common === null || common.size !== 1) return null;
  return [...common][0];
}

/** The palette's entries: steps allowed in the graph's family (all when it has none), filtered by the search text. */
export function paletteEntries(definitions, family, search) {
  const text = (search || '').trim().toLowerCase();
  return definitions.filter((d) => {
    if (family && !(d.families || [d.family]).includes(family)) return false;
    if (!text) return true;
    return [d.label, d.step, d.description, d.module_key].some((s) => (s || '').toLowerCase().includes(text));
  });
}

/** Palette groups: family → module → execution role (sync / async / disabled) → entries. */
export function paletteGroups(entries, family) {
  const groups = new Map();
  for (const d of entries) {
    const fam = family || d.family;
    if (!groups.has(fam)) groups.set(fam, new Map());
    const modules = groups.get(fam);
    if (!modules.has(d.module_key)) modules.set(d.module_key, new Map());
    const roles = modules.get(d.module_key);
    if (!roles.has(d.executor)) roles.set(d.executor, []);
    roles.get(d.executor).push(d);
  }
  return groups;
}

/** A node id not yet used: the step's last word (render, bbox, …), then with _2, _3, … */
export function newNodeId(config, step) {
  const used = new Set((config.nodes || []).map((n) => n.id));
  const base = step;
  if (!used.has(base)) return base;
  for (let i = 2; ; i++) {
    if (!used.has(`${base}_${i}`)) return `${base}_${i}`;
  }
}

export function addNode(config, step, position) {
  const next = clone(config);
  const id = newNodeId(next, step);
  const node = { id, step, params: {} };
  if (position) node.position = { x: Math.round(position.x), y: Math.round(position.y) };
  next.nodes = [...(next.nodes || []), node];
  return { config: next, id };
}

export function removeNode(config, id) {
  const next = clone(config);
  next.nodes = next.nodes.filter((n) => n.id !== id);
  next.edges = (next.edges || []).filter((e) => e.from !== id && e.to !== id);
  return next;
}

export function addEdge(config, from, to) {
  if (!from || !to || from === to) return config;
  if ((config.edges || []).some((e) => e.from === from && e.to === to)) return config;
  const next = clone(config);
  next.edges = [...(next.edges || []), { from, to }];
  return next;
}

export function removeEdge(config, from, to) {
  const next = clone(config);
  next.edges = (next.edges || []).filter((e) => !(e.from === from && e.to === to));
  return next;
}

export function setPositions(config, positions) {
  const next = clone(config);
  for (const node of next.nodes) {
    const p = positions[node.id];
    if (p) node.position = { x: Math.round(p.x), y: Math.round(p.y) };
  }
  return next;
}

/**
 * The params a node keeps after a form edit: the form's values except those equal to the schema default, unless the
 * node already named them (so a saved config reads back as it was written, and defaults stay in one place).
 */
export function paramsFromForm(formValue, defaults, previous, declared) {
  const out = {};
  // params the schema does not declare have no field in the form: kept as they were (validation names them)
  for (const [key, value] of Object.entries(previous || {})) {
    if (declared && !declared.has(key)) out[key] = value;
  }
  for (const [key, value] of Object.entries(formValue || {})) {
    if (value === undefined) continue;
    const isDefault = defaults && key in defaults && JSON.stringify(defaults[key]) === JSON.stringify(value);
    if (!isDefault || (previous && key in previous)) out[key] = value;
  }
  return out;
}

export function setParams(config, id, params) {
  const next = clone(config);
  const node = next.nodes.find((n) => n.id === id);
  if (node) node.params = params;
  return next;
}

export function sameConfig(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}
