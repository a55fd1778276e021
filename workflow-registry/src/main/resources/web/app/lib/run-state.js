// A run as the run page holds it, changed by the status events of its stream (runs.status.v1, docs/topics.md).
export const TERMINAL = new Set(['completed', 'failed', 'cancelled']);

export function isTerminal(status) {
  return TERMINAL.has(status);
}

/** The run after one status event: the run's own status, or one node's status, output and error. */
export function applyStatusEvent(run, event) {
  if (!run || event.workflow_run_id !== run.id) return run;
  const next = { ...run, node_results: [...(run.node_results || [])] };
  if (event.scope === 'run') {
    next.status = event.status;
    if (event.error_message) next.error_message = event.error_message;
    return next;
  }
  const i = next.node_results.findIndex((n) => n.node_name === event.node_id);
  const node = i >= 0 ? { ...next.node_results[i] } : { node_name: event.node_id, step: event.step };
  node.status = event.status;
  if (event.output) node.output = event.output;
  if (event.error_message) node.error_message = event.error_message;
  if (i >= 0) next.node_results[i] = node;
  else next.node_results.push(node);
  return next;
}
