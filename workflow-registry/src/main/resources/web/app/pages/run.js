import { html, render, nothing } from 'lit';
import { blobUrl, get, post, query } from '../lib/api.js';
import { follow } from '../lib/sse.js';
import { may } from '../lib/roles.js';
import { applyStatusEvent, isTerminal, outputRows, runControls } from '../lib/run-state.js';
import { paramsFromForm } from '../lib/graph-model.js';
import { GraphCanvas } from '../views/canvas.js';
import { NodeForm } from '../views/node-form.js';
import { comparisonView } from '../views/comparison.js';

// #/runs/<id>: the run live over its Server-Sent Events stream, the graph coloured by node status, node details with
// artifacts, run control (operators) and, for shadow runs, the comparison with the authoritative run.
export function runPage(container, route, session) {
  const operator = may(session.roles, 'runControl');
  const s = { run: null, config: null, byStep: new Map(), selected: null, assets: [], urls: new Map(),
    comparison: null, comparisonError: null, live: false, busy: false, lastEventId: null };
  let canvas = null;
  let retryForm = null;
  let retryKey = null;
  let refetchTimer = null;
  let disposed = false;
  const runPath = '/api/workflows/runs/' + encodeURIComponent(route.id);

  async function refetch() {
    try {
      s.run = await get(runPath);
    } catch (e) {
      s.failed = e;
      draw();
      return;
    }
    await loadAssets();
    draw();
  }

  function refetchSoon() {
    clearTimeout(refetchTimer);
    refetchTimer = setTimeout(refetch, 300);
  }

  async function loadContext() {
    const defs = await get('/api/workflows/node-definitions').catch(() => []);
    s.byStep = new Map((defs || []).map((d) => [d.step, d]));
    if (s.run?.workflow_def_id) {
      const w = await get('/api/workflows/' + encodeURIComponent(s.run.workflow_def_id), { quiet: true }).catch(() => null);
      s.config = w?.config ?? null;
    }
    draw();
  }

  async function loadAssets() {
    if (!s.run?.order_line_id) return;
    const page = await get('/api/media-assets' + query({ order_line_id: s.run.order_line_id, page_size: 200 }),
      { quiet: true }).catch(() => null);
    s.assets = (page?.items || []).filter((a) => a.run_id === s.run.id);
  }

  async function loadComparison() {
    if (s.run?.execution_mode !== 'shadow') return;
    try {
      s.comparison = await get(runPath + '/comparison', { quiet: true });
      s.comparisonError = null;
    } catch (e) {
      s.comparisonError = e;
    }
    draw();
  }

  function url(asset) {
    if (!s.urls.has(asset.id)) {
      s.urls.set(asset.id, null);
      blobUrl('/api/media-assets/' + encodeURIComponent(asset.id) + '/content')
        .then((u) => { s.urls.set(asset.id, u); draw(); })
        .catch(() => {});
    }
    return s.urls.get(asset.id);
  }

  /** A node's reported file (artifacts[index]) as a blob: URL, for files no media asset publishes. */
  function artifactUrl(node, index) {
    const key = `artifact:${node.node_name}:${index}`;
    if (!s.urls.has(key)) {
      s.urls.set(key, null);
      blobUrl(`${runPath}/nodes/${encodeURIComponent(node.node_name)}/artifacts/${index}/content`, { quiet: true })
        .then((u) => { s.urls.set(key, u); draw(); })
        .catch(() => {});
    }
    return s.urls.get(key);
  }

  /** A comparison picture as a blob: URL, fetched once (null until loaded or when the service has none). */
  function comparisonImage(side) {
    const key = 'comparison:' + side;
    if (!s.urls.has(key)) {
      s.urls.set(key, null);
      blobUrl(`${runPath}/comparison/images/${side}`, { quiet: true })
        .then((u) => { s.urls.set(key, u); draw(); })
        .catch(() => {});
    }
    return s.urls.get(key);
  }

  async function control(action, body) {
    s.busy = true;
    s.controlResult = null;
    draw();
    try {
      const answer = await post(`${runPath}/${action}`, body);
      // a resume of a run whose jobs still run is no refusal but changes nothing: the API's reason says why
      if (action === 'resume' && answer?.resumed === false) s.controlResult = 'Not resumed: ' + answer.reason;
      await refetch();
      if (!s.live) startStream();
    } catch (e) { /* banner */ }
    s.busy = false;
    draw();
  }

  // ---- the live stream ---------------------------------------------------------------------------------------------
  let stop = null;
  // Followed again after a control (the run had ended, a retry or resume runs it again): from the last status event
  // the page has. Without Last-Event-ID the server replays the whole log, the run's earlier end included, which showed
  // the retried node failed again for a moment and ended that stream at once.
  function startStream() {
    s.live = true;
    stop = follow(runPath + '/events', (e) => {
      if (e.id) s.lastEventId = e.id;
      if (e.event === 'snapshot') {
        const first = s.run === null;
        s.run = JSON.parse(e.data);
        if (first) loadContext();
        loadAssets().then(draw);
        loadComparison();
      } else if (e.event === 'status') {
        s.run = applyStatusEvent(s.run, JSON.parse(e.data));
        refetchSoon();
        if (isTerminal(s.run?.status)) loadComparison();
      }
      draw();
    }, {
      done: () => isTerminal(s.run?.status),
      // the stream refused (e.g. 404 workflow_run_not_found): the plain GET shows the API's error in the banner
      onError: () => { s.live = false; refetch(); draw(); },
      onEnd: () => { s.live = false; draw(); },
      lastEventId: s.lastEventId,
    });
  }

  // ---- rendering ---------------------------------------------------------------------------------------------------
  function nodeOf(id) {
    return s.run?.node_results?.find((n) => n.node_name === id);
  }

  function artifacts(node) {
    // the node's own assets, those its output names, and those at the paths of its artifacts and outputs
    const paths = new Set([...(node.artifacts || []).map((x) => x?.path),
      ...['image_path', 'video_path', 'blend_path', 'glb_path', 'thumbnail_path'].map((k) => node.output?.[k])].filter(Boolean));
    const mine = s.assets.filter((a) => a.node_id === node.node_name
      || (node.output?.media_asset_ids || []).includes(a.id) || node.output?.media_asset_id === a.id
      || paths.has(a.path));
    return mine.map((a) => {
      const u = url(a);
      const type = a.media_type || '';
      if (type.startsWith('video/')) {
        return html`<figure><video data-testid="artifact-video" data-asset-id=${a.id} controls src=${u || nothing}></video>
          <figcaption>${a.asset_type} · ${a.path}</figcaption></figure>`;
      }
      if (type.startsWith('image/')) {
        return html`<figure><img data-testid="artifact-image" data-asset-id=${a.id} alt=${a.asset_type} src=${u || nothing}>
          <figcaption>${a.asset_type} · ${a.width ?? '?'}×${a.height ?? '?'} · ${a.path}</figcaption></figure>`;
      }
      return html`<p data-testid="artifact-file">${a.asset_type}: ${a.path} (${a.media_type})</p>`;
    }).concat(unpublished(node, new Set(mine.map((a) => a.path))));
  }

  /** The node's own images and videos that no media asset shows (a render before output_save, a shadow observer). */
  function unpublished(node, shown) {
    return (node.artifacts || []).flatMap((a, index) => {
      const type = a?.media_type || '';
      if (!a?.path || shown.has(a.path) || a.role === 'frame') return [];
      if (type.startsWith('image/')) {
        return [html`<figure><img data-testid="artifact-image" data-artifact-index=${index} alt=${a.role ?? 'image'}
          src=${artifactUrl(node, index) || nothing}>
          <figcaption>${a.role ?? ''} · ${a.width ?? '?'}×${a.height ?? '?'} · ${a.path}</figcaption></figure>`];
      }
      if (type.startsWith('video/')) {
        return [html`<figure><video data-testid="artifact-video" data-artifact-index=${index} controls
          src=${artifactUrl(node, index) || nothing}></video><figcaption>${a.role ?? ''} · ${a.path}</figcaption></figure>`];
      }
      return [];
    });
  }

  function outputTable(output) {
    const rows = outputRows(output);
    if (!rows.length) return html`<p class="hint" data-testid="node-output">none yet</p>`;
    return html`<table class="node-output" data-testid="node-output"><tbody>${rows.map((r) => html`<tr
      data-testid="node-output-row" data-key=${r.key}><th>${r.key}</th><td class=${'output-' + r.kind}>${r.kind === 'path'
        || r.kind === 'json' ? html`<code>${r.text}</code>` : r.text}</td></tr>`)}</tbody></table>`;
  }

  function detail() {
    const node = nodeOf(s.selected);
    if (!node) return html`<p class="hint">Select a node to see its outputs, timings, attempts, log and artifacts.</p>`;
    const retryRefused = runControls(s.run).retry; // why Retry is not offered (null: it is)
    return html`<div class="node-detail" data-testid="node-detail" data-node-id=${node.node_name}>
      <h3>${node.node_name} <small>${node.step}</small> <span class=${'status status-' + node.status}
        data-testid="node-status">${node.status}</span></h3>
      <dl>
        <dt>attempt</dt><dd data-testid="node-attempt">${node.attempt ?? ''}</dd>
        <dt>worker</dt><dd data-testid="node-worker">${node.worker_id ?? ''}</dd>
        <dt>job</dt><dd data-testid="node-job">${node.job_id ?? ''}</dd>
        <dt>queued</dt><dd>${node.queued_at ?? ''}</dd>
        <dt>started</dt><dd>${node.started_at ?? ''}</dd>
        <dt>finished</dt><dd>${node.finished_at ?? ''}</dd>
        <dt>duration</dt><dd data-testid="node-duration">${node.duration_ms != null ? node.duration_ms + ' ms' : ''}</dd>
      </dl>
      ${node.error_message || node.error_code ? html`<div class="node-error" data-testid="node-error">
        <code data-testid="node-error-code">${node.error_code ?? ''}</code> <span data-testid="node-error-message">${node.error_message ?? ''}</span> ${node.retryable != null ? html`<small>(retryable: ${String(node.retryable)})</small>` : nothing}</div>` : nothing}
      <h4>Outputs</h4>${outputTable(node.output)}
      ${node.log_excerpt ? html`<h4>Log</h4><pre class="log" data-testid="node-log">${node.log_excerpt}</pre>` : nothing}
      <h4>Artifacts</h4>
      <div class="artifacts">${artifacts(node)}</div>
      ${(node.artifacts || []).length ? html`<ul class="hint">${node.artifacts.map((a) => html`<li>${a.role ?? ''} ${a.path ?? ''} ${a.media_type ?? ''}</li>`)}</ul>` : nothing}
      ${operator ? html`<div class="retry">
        <h4>Retry from ${node.node_name}</h4>
        <div data-testid="retry-params" class="node-form"></div>
        <button data-testid="retry" ?disabled=${s.busy || !!retryRefused}
          title=${retryRefused ?? nothing} @click=${retry}>Retry from this node</button>
      </div>` : nothing}
    </div>`;
  }

  function retry() {
    const id = s.selected;
    const def = s.byStep.get(nodeOf(id)?.step);
    const original = s.config?.nodes?.find((n) => n.id === id)?.params || {};
    const params = retryForm ? paramsFromForm(retryForm.value(), def?.defaults, original,
      new Set(Object.keys(def?.settings_schema?.properties || {}))) : original;
    control('retry', { from_node: id, params });
  }

  function view() {
    const run = s.run;
    if (!run) return s.failed ? html`<p>Run ${route.id} could not be read (${s.failed.code}).</p>` : html`<p>Loading run ${route.id}…</p>`;
    return html`<section class="run">
      <div class="toolbar">
        <h1>Run <small>${run.id}</small></h1>
        <span class=${'status big status-' + run.status} data-testid="run-status">${run.status}</span>
        <span class="hint">${run.execution_mode} · ${s.live ? html`<span data-testid="live">live</span>` : 'not live'}</span>
        ${operator ? controls(runControls(run)) : nothing}
      </div>
      <dl class="run-facts">
        <dt>workflow</dt><dd>${run.workflow_def_id ? html`<a href=${'#/editor/' + encodeURIComponent(run.workflow_def_id)}>${run.workflow_def_id}</a>` : '(draft)'}</dd>
        <dt>order line</dt><dd>${run.order_line_id ?? ''}</dd><dt>CAD file</dt><dd>${run.cad_file_id ?? ''}</dd>
        <dt>output type</dt><dd>${run.output_type_id ?? ''}</dd>
        <dt>created</dt><dd>${run.created_at ?? ''}</dd>
        ${run.completed_at ? html`<dt>completed</dt><dd>${run.completed_at}</dd>` : nothing}
        ${run.error_message ? html`<dt>error</dt><dd class="problem" data-testid="run-error">${run.error_message}</dd>` : nothing}
        ${run.fallback_job_id ? html`<dt>legacy fallback</dt><dd>${run.fallback_job_id} (${run.fallback_from ?? ''})</dd>` : nothing}
      </dl>
      <div class="run-body">
        <div class="canvas-wrap"><div class="canvas" data-testid="canvas"></div></div>
        <div class="side">
          <ul class="outline">${(run.node_results || []).map((n) => html`<li data-testid="run-node" data-node-id=${n.node_name}
              data-status=${n.status} class=${n.node_name === s.selected ? 'selected' : ''} @click=${() => select(n.node_name)}>
            <span class=${'dot status-' + n.status}></span>${n.node_name} <small>${n.step}</small> <span class="status-text">${n.status}</span></li>`)}</ul>
          ${detail()}
        </div>
      </div>
      ${(run.retries || []).length ? html`<h3>Retries</h3><table class="list" data-testid="retries">
        <thead><tr><th>when</th><th>from node</th><th>by</th><th>run was</th><th>settings changed</th></tr></thead>
        <tbody>${run.retries.map((r) => html`<tr data-testid="retry-row">
        <td>${r.created_at}</td><td data-testid="retry-from">${r.from_node}</td><td data-testid="retry-actor">${r.actor}</td>
        <td>${r.run_status_before ?? ''}</td><td>${paramChanges(r)}</td></tr>`)}</tbody></table>` : nothing}
      ${run.execution_mode === 'shadow' ? comparisonView(s.comparison, s.comparisonError, comparisonImage) : nothing}
    </section>`;
  }

  /** Resume and Cancel; one the run's status rules out is disabled, and says why (its title and the hint beside it). */
  function controls(refused) {
    const why = [refused.resume && 'Resume: ' + refused.resume, refused.cancel && 'Cancel: ' + refused.cancel]
      .filter(Boolean);
    return html`
      <button data-testid="resume" ?disabled=${s.busy || !!refused.resume} title=${refused.resume ?? nothing}
        @click=${() => control('resume')}>Resume</button>
      <button data-testid="cancel" ?disabled=${s.busy || !!refused.cancel} title=${refused.cancel ?? nothing}
        @click=${() => control('cancel', { reason: 'cancelled from the console' })}>Cancel</button>
      ${why.length ? html`<span class="hint" data-testid="controls-hint">${why.join(' · ')}</span>` : nothing}
      ${s.controlResult ? html`<span class="hint" data-testid="control-result">${s.controlResult}</span>` : nothing}`;
  }

  /** A retry's settings as the operator changed them: one line per param whose value differs, old → new. */
  function paramChanges(r) {
    const before = r.old_params || {};
    const after = r.new_params || {};
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])]
      .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).sort();
    if (!keys.length) return html`<span class="hint">none (same settings)</span>`;
    const shown = (v) => (v === undefined ? 'default' : typeof v === 'object' ? JSON.stringify(v) : String(v));
    return html`<ul class="param-changes">${keys.map((k) => html`<li data-testid="retry-param" data-param=${k}>
      <code>${k}</code>: ${shown(before[k])} → ${shown(after[k])}</li>`)}</ul>`;
  }

  function select(id) {
    s.selected = id;
    draw();
  }

  function syncCanvas() {
    const el = container.querySelector('[data-testid=canvas]');
    if (!el || !s.run) return;
    if (!canvas) canvas = new GraphCanvas(el, { editable: false, onSelect: (id) => id && select(id) });
    const nodes = (s.run.node_results || []).map((n) => {
      const configured = s.config?.nodes?.find((c) => c.id === n.node_name);
      return { id: n.node_name, label: `${n.node_name}\n${n.status}`, status: n.status, position: configured?.position };
    });
    const ids = new Set(nodes.map((n) => n.id));
    const edges = (s.config?.edges || []).filter((e) => ids.has(e.from) && ids.has(e.to));
    canvas.show(nodes, edges);
    canvas.select(s.selected);
  }

  function syncRetryForm() {
    const el = container.querySelector('[data-testid=retry-params]');
    const node = nodeOf(s.selected);
    const key = el && node ? node.node_name + '|' + node.step + '|' + (s.config ? 'c' : '') : null;
    if (key === retryKey && (!retryForm || retryForm.element === el)) return;
    if (retryForm) retryForm.destroy();
    retryForm = null;
    retryKey = key;
    const def = node && s.byStep.get(node.step);
    if (el && def) {
      retryForm = new NodeForm(el, def, s.config?.nodes?.find((c) => c.id === node.node_name)?.params || {});
    }
  }

  function draw() {
    if (disposed) return;
    render(view(), container);
    syncCanvas();
    syncRetryForm();
  }

  draw();
  startStream();
  return () => {
    disposed = true;
    clearTimeout(refetchTimer);
    if (stop) stop();
    if (canvas) canvas.destroy();
    if (retryForm) retryForm.destroy();
    for (const u of s.urls.values()) if (u) URL.revokeObjectURL(u);
  };
}
