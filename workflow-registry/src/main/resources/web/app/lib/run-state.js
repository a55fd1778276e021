// A run as the run page holds it, changed by the status events of its stream (runs.status.v1, docs/topics.md).
export const TERMINAL = new Set(['completed', 'failed', 'cancelled']);

export function isTerminal(status) {
  return TERMINAL.has(status);
}

/** Statuses whose error is the one they had (a failure or cancellation event may come without a message). */
const KEEPS_ERROR = new Set(['failed', 'cancelled', 'skipped']);

/**
 * The run after one status event: the run's own status, or one node's status, output and error. A run or node that
 * moves on to a status without an error (retried or resumed after it failed: pending, queued, running, completed)
 * drops the error it had.
 */
export function applyStatusEvent(run, event) {
  if (!run || event.workflow_run_id !== run.id) return run;
  const next = { ...run, node_results: [...(run.node_results || [])] };
  if (event.scope === 'run') {
    next.status = event.status;
    if (event.error_message) next.error_message = event.error_message;
    else if (!KEEPS_ERROR.has(event.status)) delete next.error_message;
    return next;
  }
  const i = next.node_results.findIndex((n) => n.node_name === event.node_id);
  const node = i >= 0 ? { ...next.node_results[i] } : { node_name: event.node_id, step: event.step };
  node.status = event.status;
  if (event.output) node.output = event.output;
  if (event.error_message) node.error_message = event.error_message;
  else if (!KEEPS_ERROR.has(event.status)) {
    delete node.error_message;
    delete node.error_code;
    delete node.retryable;
  }
  if (i >= 0) next.node_results[i] = node;
  else next.node_results.push(node);
  return next;
}

/**
 * Why each run control would be refused for the run as it stands (null: offered). The API decides every control
 * (docs/dispatch.md, Run control); this only spares the operator a click it refuses for the run's status or mode
 * alone. What depends on more than that (a fallback job still rendering, a node's upstream) stays the API's answer.
 */
export function runControls(run) {
  const status = run?.status;
  const legacy = run?.execution_mode === 'legacy';
  const ended = status === 'completed' || status === 'cancelled';
  return {
    resume: legacy ? 'a legacy-mode run ends with its legacy job and cannot be resumed'
      : ended ? `the run is ${status}; only a failed or stalled run can be resumed` : null,
    cancel: isTerminal(status) ? `the run already ended (${status})` : null,
    retry: legacy ? 'a legacy-mode run cannot be retried from a node'
      : status === 'cancelled' ? 'the run was cancelled; a cancelled run cannot be retried'
        : !isTerminal(status) ? `the run is still ${status ?? 'loading'}; retry a node once the run has ended` : null,
  };
}

/**
 * A node's output as the node panel lists it: one row per field, in the output's order. Scalars are shown as they
 * are; a storage path (a `*_path` field) as a path; a list of scalars (asset ids) joined with commas; anything nested
 * (a bounding box, a publication record) as compact JSON.
 */
export function outputRows(output) {
  if (!output || typeof output !== 'object' || Array.isArray(output)) return [];
  return Object.entries(output).map(([key, value]) => {
    if (value === null || value === undefined) return { key, kind: 'empty', text: '—' };
    if (typeof value !== 'object') {
      return { key, kind: key.endsWith('_path') && typeof value === 'string' ? 'path' : 'scalar', text: String(value) };
    }
    if (Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object')) {
      return { key, kind: 'list', text: value.length ? value.join(', ') : '—' };
    }
    return { key, kind: 'json', text: JSON.stringify(value) };
  });
}
