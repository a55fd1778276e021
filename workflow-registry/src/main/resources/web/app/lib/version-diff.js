import { diffJson } from 'diff';

// A readable diff between two workflow versions: nodes added / removed / changed (step, each param), edges added /
// removed, and other members (ui, version) that changed; plus a line diff of the JSON (jsdiff) for what the summary
// does not spell out.

function key(edge) {
  return `${edge.from} → ${edge.to}`;
}

function show(value) {
  return value === undefined ? '(unset)' : JSON.stringify(value);
}

export function configDiff(before, after) {
  const changes = [];
  const oldNodes = new Map((before.nodes || []).map((n) => [n.id, n]));
  const newNodes = new Map((after.nodes || []).map((n) => [n.id, n]));
  for (const [id, node] of newNodes) {
    if (!oldNodes.has(id)) changes.push({ kind: 'added', what: 'node', text: `node ${id} (${node.step}) added` });
  }
  for (const [id, node] of oldNodes) {
    if (!newNodes.has(id)) changes.push({ kind: 'removed', what: 'node', text: `node ${id} (${node.step}) removed` });
  }
  for (const [id, node] of newNodes) {
    const old = oldNodes.get(id);
    if (!old) continue;
    if (old.step !== node.step) {
      changes.push({ kind: 'changed', what: 'node', text: `node ${id}: step ${old.step} → ${node.step}` });
    }
    const a = old.params || {};
    const b = node.params || {};
    for (const p of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (JSON.stringify(a[p]) !== JSON.stringify(b[p])) {
        changes.push({ kind: 'changed', what: 'param', text: `node ${id}: ${p} ${show(a[p])} → ${show(b[p])}` });
      }
    }
  }
  const oldEdges = new Set((before.edges || []).map(key));
  const newEdges = new Set((after.edges || []).map(key));
  for (const e of newEdges) if (!oldEdges.has(e)) changes.push({ kind: 'added', what: 'edge', text: `edge ${e} added` });
  for (const e of oldEdges) if (!newEdges.has(e)) changes.push({ kind: 'removed', what: 'edge', text: `edge ${e} removed` });
  for (const member of ['version', 'ui']) {
    if (JSON.stringify(before[member]) !== JSON.stringify(after[member])) {
      changes.push({ kind: 'changed', what: member, text: `${member}: ${show(before[member])} → ${show(after[member])}` });
    }
  }
  return changes;
}

/** Line diff of the two configs' JSON: [{added, removed, value}] as jsdiff gives it. */
export function jsonLineDiff(before, after) {
  return diffJson(before, after);
}
