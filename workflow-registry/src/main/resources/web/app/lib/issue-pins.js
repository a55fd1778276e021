// Pins the registry's validation errors (code, message, JSON path) to what they name in the editor: a node, one of its
// params (the field's JSON pointer inside params, as the form's data-field), or an edge.

/**
 * Where a path points: {node, field} for `/nodes/3` and `/nodes/3/params/width`, {edge: {from, to}} for `/edges/2`
 * and `/edges/2/from`, {graph: true} otherwise. Dispatch's errors prefix `/config`; it is dropped.
 */
export function pinOf(path, config) {
  const parts = String(path || '').split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (parts[0] === 'config') parts.shift();
  const index = Number(parts[1]);
  if (parts[0] === 'nodes' && Number.isInteger(index) && config.nodes?.[index]) {
    const node = config.nodes[index];
    const field = parts[2] === 'params' && parts.length > 3
      ? '/' + parts.slice(3).map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/') : null;
    return { node: node.id, field };
  }
  if (parts[0] === 'edges' && Number.isInteger(index) && config.edges?.[index]) {
    const edge = config.edges[index];
    return { edge: { from: edge.from, to: edge.to } };
  }
  return { graph: true };
}

/** Every issue with its pin, plus the sets the outline and the form mark. */
export function pinIssues(issues, config) {
  const pinned = (issues || []).map((issue) => ({ ...issue, pin: pinOf(issue.path, config) }));
  const nodes = new Set();
  const edges = new Set();
  for (const p of pinned) {
    if (p.pin.node) nodes.add(p.pin.node);
    if (p.pin.edge) edges.add(p.pin.edge.from + '->' + p.pin.edge.to);
  }
  return { issues: pinned, nodes, edges };
}

/** The field errors of one node: field pointer → messages. */
export function fieldErrors(pinned, nodeId) {
  const out = new Map();
  for (const p of pinned) {
    if (p.pin.node === nodeId && p.pin.field) {
      if (!out.has(p.pin.field)) out.set(p.pin.field, []);
      out.get(p.pin.field).push(`${p.code}: ${p.message}`);
    }
  }
  return out;
}
