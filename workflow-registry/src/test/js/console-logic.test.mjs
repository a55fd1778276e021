// Unit tests of the console's pure modules (docs/console.md). The build needs no Node; where Node ≥ 20 is installed:
//   node --test workflow-registry/src/test/js/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pinIssues, pinOf, fieldErrors } from '../../main/resources/web/app/lib/issue-pins.js';
import * as g from '../../main/resources/web/app/lib/graph-model.js';
import { SseParser } from '../../main/resources/web/app/lib/sse.js';
import { applyStatusEvent, isTerminal, outputRows, runControls } from '../../main/resources/web/app/lib/run-state.js';
import { effectiveRoles, may } from '../../main/resources/web/app/lib/roles.js';

const config = { version: 1, nodes: [{ id: 'setup', step: 'order_line_setup' }, { id: 'render', step: 'blender_still' }],
  edges: [{ from: 'setup', to: 'render' }] };

test('a validation path is pinned to the node, its field, or the edge it names', () => {
  assert.deepEqual(pinOf('/nodes/1/params/width', config), { node: 'render', field: '/width' });
  assert.deepEqual(pinOf('/nodes/1/params/retry_policy/max_attempts', config), { node: 'render', field: '/retry_policy/max_attempts' });
  assert.deepEqual(pinOf('/nodes/0', config), { node: 'setup', field: null });
  assert.deepEqual(pinOf('/edges/0/to', config), { edge: { from: 'setup', to: 'render' } });
  assert.deepEqual(pinOf('/config/nodes/1/step', config), { node: 'render', field: null }, "dispatch's /config prefix");
  assert.deepEqual(pinOf('/nodes/7', config), { graph: true }, 'an index the graph does not have');
  const pinned = pinIssues([{ code: 'invalid_params', message: 'too small', path: '/nodes/1/params/width' },
    { code: 'self_loop', message: 'loop', path: '/edges/0' }], config);
  assert.deepEqual([...pinned.nodes], ['render']);
  assert.deepEqual([...pinned.edges], ['setup->render']);
  assert.deepEqual([...fieldErrors(pinned.issues, 'render')], [['/width', ['invalid_params: too small']]]);
});

test('config edits: unique ids, no duplicate or self edges, a removed node takes its edges along', () => {
  let c = g.emptyConfig();
  let r = g.addNode(c, 'blender_still', { x: 10.4, y: 20.6 });
  assert.equal(r.id, 'blender_still');
  assert.deepEqual(r.config.nodes[0].position, { x: 10, y: 21 });
  r = g.addNode(r.config, 'blender_still');
  assert.equal(r.id, 'blender_still_2');
  c = g.addEdge(r.config, 'blender_still', 'blender_still_2');
  assert.equal(g.addEdge(c, 'blender_still', 'blender_still_2'), c, 'the same edge twice is one edge');
  assert.equal(g.addEdge(c, 'blender_still', 'blender_still'), c, 'no self loop');
  assert.deepEqual(g.removeNode(c, 'blender_still_2').edges, []);
  assert.equal(c.nodes.length, 2, 'the argument is left alone');
});

test('a graph family is the one every step allows; the palette then offers only that family', () => {
  const defs = [{ step: 'order_line_setup', family: 'order_line', families: ['order_line'], module_key: 'm', executor: 'sync' },
    { step: 'glb_bbox', family: 'cad_file', families: ['cad_file', 'order_line'], module_key: 'm', executor: 'sync' },
    { step: 'occ_object_extract', family: 'cad_file', families: ['cad_file'], module_key: 'm', executor: 'async' }];
  const by = g.definitionsByStep(defs);
  assert.equal(g.graphFamily({ nodes: [{ step: 'glb_bbox' }] }, by), null, 'glb_bbox alone decides nothing');
  assert.equal(g.graphFamily({ nodes: [{ step: 'glb_bbox' }, { step: 'order_line_setup' }] }, by), 'order_line');
  assert.deepEqual(g.paletteEntries(defs, 'order_line', '').map((d) => d.step), ['order_line_setup', 'glb_bbox']);
  assert.deepEqual(g.paletteEntries(defs, null, 'extract').map((d) => d.step), ['occ_object_extract']);
});

test('form values keep only what differs from the defaults, what the node named, and undeclared params', () => {
  const declared = new Set(['width', 'height']);
  assert.deepEqual(g.paramsFromForm({ width: 1024, height: 64 }, { width: 1024, height: 1024 }, {}, declared), { height: 64 });
  assert.deepEqual(g.paramsFromForm({ width: 1024 }, { width: 1024 }, { width: 1024 }, declared), { width: 1024 });
  assert.deepEqual(g.paramsFromForm({ width: 1024 }, { width: 1024 }, { legacy: 1 }, declared), { legacy: 1 });
});

test('the SSE parser joins data lines, keeps ids, skips comments, and accepts chunks split anywhere', () => {
  const events = [];
  const p = new SseParser((e) => events.push(e));
  p.push('event: snapshot\ndata: {"a"');
  p.push(':1}\nid: 3\n\n: heartbeat\n\nevent: status\r\ndata: x\r\ndata: y\r\n\r\n');
  assert.deepEqual(events, [{ event: 'snapshot', data: '{"a":1}', id: '3' }, { event: 'status', data: 'x\ny', id: null }]);
  assert.equal(p.lastEventId, '3');
});

test('status events change the run and its nodes', () => {
  const run = { id: 'r1', status: 'queued', node_results: [{ node_name: 'render', status: 'queued' }] };
  const a = applyStatusEvent(run, { workflow_run_id: 'r1', scope: 'node', node_id: 'render', status: 'completed', output: { image_path: 'x.png' } });
  assert.equal(a.node_results[0].status, 'completed');
  assert.equal(a.node_results[0].output.image_path, 'x.png');
  assert.equal(run.node_results[0].status, 'queued', 'the old state is left alone');
  const b = applyStatusEvent(a, { workflow_run_id: 'r1', scope: 'run', status: 'completed' });
  assert.ok(isTerminal(b.status));
  assert.equal(applyStatusEvent(b, { workflow_run_id: 'other', scope: 'run', status: 'failed' }), b);
});

test('a run retried after it failed loses the old error once it runs again, and so does its node', () => {
  const failed = { id: 'r1', status: 'failed', error_message: "node 'render' failed: template could not be opened",
    node_results: [{ node_name: 'render', status: 'failed', error_message: 'template could not be opened',
      error_code: 'import_failed', retryable: false }] };
  const pending = applyStatusEvent(failed, { workflow_run_id: 'r1', scope: 'node', node_id: 'render', status: 'pending', previous_status: 'failed' });
  assert.equal(pending.node_results[0].error_message, undefined);
  assert.equal(pending.node_results[0].error_code, undefined);
  assert.equal(pending.node_results[0].retryable, undefined);
  const running = applyStatusEvent(pending, { workflow_run_id: 'r1', scope: 'run', status: 'running', previous_status: 'failed' });
  assert.equal(running.error_message, undefined, 'a running run has no error');
  const completed = applyStatusEvent(running, { workflow_run_id: 'r1', scope: 'run', status: 'completed' });
  assert.equal(completed.error_message, undefined);
  // a failure keeps its message, and one without a message keeps the one the run had
  const failedAgain = applyStatusEvent(completed, { workflow_run_id: 'r1', scope: 'run', status: 'failed', error_message: 'again' });
  assert.equal(failedAgain.error_message, 'again');
  assert.equal(applyStatusEvent(failed, { workflow_run_id: 'r1', scope: 'run', status: 'failed' }).error_message,
    failed.error_message);
  const skipped = applyStatusEvent(failed, { workflow_run_id: 'r1', scope: 'node', node_id: 'output', status: 'skipped', error_message: 'upstream failed' });
  assert.equal(skipped.node_results[1].error_message, 'upstream failed');
});

test('run controls are offered for the statuses the API accepts them in, and say why not otherwise', () => {
  const offered = (status, mode = 'graph') => Object.entries(runControls({ status, execution_mode: mode }))
    .filter(([, why]) => why === null).map(([control]) => control).sort();
  assert.deepEqual(offered('pending'), ['cancel', 'resume']);
  assert.deepEqual(offered('running'), ['cancel', 'resume']);
  assert.deepEqual(offered('failed'), ['resume', 'retry']);
  assert.deepEqual(offered('completed'), ['retry']);
  assert.deepEqual(offered('cancelled'), []);
  assert.deepEqual(offered('failed', 'shadow'), ['resume', 'retry']);
  assert.deepEqual(offered('running', 'legacy'), ['cancel']);
  assert.deepEqual(offered('completed', 'legacy'), []);
  const completed = runControls({ status: 'completed', execution_mode: 'graph' });
  assert.match(completed.cancel, /already ended \(completed\)/);
  assert.match(completed.resume, /completed/);
  assert.match(runControls({ status: 'running', execution_mode: 'graph' }).retry, /still running/);
  assert.match(runControls(null).retry, /loading/, 'retry is not offered before the run is read');
});

test('roles are hierarchical and decide what is offered', () => {
  assert.deepEqual([...effectiveRoles(['operator'])], ['viewer', 'author', 'operator']);
  assert.ok(may(effectiveRoles(['operator']), 'rolloutSwitch'));
  assert.ok(!may(effectiveRoles(['operator']), 'forceSwitch'));
  assert.ok(!may(effectiveRoles(['viewer']), 'author'));
  assert.deepEqual([...effectiveRoles(['unknown'])], []);
});

test("a node's output is listed field by field: scalars, paths, id lists, nested values as compact JSON", () => {
  const rows = outputRows({ publication_mode: 'graph_authoritative', handoff_state: 'completed', media_asset_ids: ['a1', 'a2'],
    image_path: 'renders/ol1/line_ol1.png', width: 64, bbox: { min: [0, 0, 0], max: [1, 2, 3] }, error: null, frames: [] });
  assert.deepEqual(rows, [
    { key: 'publication_mode', kind: 'scalar', text: 'graph_authoritative' },
    { key: 'handoff_state', kind: 'scalar', text: 'completed' },
    { key: 'media_asset_ids', kind: 'list', text: 'a1, a2' },
    { key: 'image_path', kind: 'path', text: 'renders/ol1/line_ol1.png' },
    { key: 'width', kind: 'scalar', text: '64' },
    { key: 'bbox', kind: 'json', text: '{"min":[0,0,0],"max":[1,2,3]}' },
    { key: 'error', kind: 'empty', text: '—' },
    { key: 'frames', kind: 'list', text: '—' },
  ]);
  assert.deepEqual(outputRows(null), [], 'a node without output yet');
  assert.deepEqual(outputRows([1, 2]), [], 'not an object: nothing to list');
  assert.deepEqual(outputRows({ artifacts: [{ role: 'still' }] }), [{ key: 'artifacts', kind: 'json', text: '[{"role":"still"}]' }]);
});
