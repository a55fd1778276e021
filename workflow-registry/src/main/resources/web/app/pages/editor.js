import { html, render, nothing } from 'lit';
import { get, post, put } from '../lib/api.js';
import { may } from '../lib/roles.js';
import {
  addEdge, addNode, clone, definitionsByStep, emptyConfig, graphFamily, paletteEntries, paletteGroups, paramsFromForm,
  removeEdge, removeNode, sameConfig, setParams, setPositions,
} from '../lib/graph-model.js';
import { fieldErrors, pinIssues } from '../lib/issue-pins.js';
import { configDiff, jsonLineDiff } from '../lib/version-diff.js';
import { GraphCanvas } from '../views/canvas.js';
import { NodeForm } from '../views/node-form.js';

const FAMILY_CONTEXT = { order_line: 'order_line', cad_file: 'cad_file' };

// #/editor/new and #/editor/<id>: author a workflow graph (palette, canvas, settings forms, validation as you edit),
// save versions and compare them, preflight and dispatch.
export function editorPage(container, route, session) {
  const canAuthor = may(session.roles, 'author');
  const s = {
    id: route.id, name: '', version: null, saved: null, config: null, definitions: [], byStep: new Map(),
    starters: null, selected: null, search: '', validation: { issues: [], nodes: new Set(), edges: new Set() },
    valid: false, validating: false, family: null, connectTarget: '', menu: null, versions: null, chosen: [],
    diff: null, contextKind: 'order_line', contextId: '', preflight: null, busy: false, message: '',
  };
  let canvas = null;
  let form = null;
  let formNode = null;
  let validateTimer = null;
  let disposed = false;

  const dirty = () => s.saved === null || !sameConfig(s.config, s.saved.config) || s.name !== s.saved.name;

  // ---- changes to the draft ------------------------------------------------------------------------------------
  function change(config, { revalidate = true } = {}) {
    s.config = config;
    s.family = graphFamily(config, s.byStep);
    if (s.family) s.contextKind = FAMILY_CONTEXT[s.family] || s.contextKind;
    if (s.selected && !config.nodes.some((n) => n.id === s.selected)) s.selected = null;
    draw();
    if (revalidate) scheduleValidation();
  }

  function insert(step, position) {
    const { config, id } = addNode(s.config, step, position || nextPosition());
    s.selected = id;
    change(config);
  }

  function nextPosition() {
    const xs = s.config.nodes.map((n) => n.position?.x ?? 0);
    return { x: (xs.length ? Math.max(...xs) : 0) + 200, y: 100 };
  }

  function scheduleValidation() {
    if (!canAuthor) return;
    clearTimeout(validateTimer);
    s.validating = true;
    validateTimer = setTimeout(validate, 250);
  }

  async function validate() {
    const config = s.config;
    try {
      const result = await post('/api/workflows/validate', config);
      if (disposed || config !== s.config) return;
      s.valid = !!result.valid;
      s.validation = pinIssues(result.errors || [], config);
      if (result.family) s.family = result.family;
    } catch (e) {
      if (config !== s.config) return;
      s.valid = false;
      s.validation = pinIssues([{ code: e.code, message: e.message, path: e.path }], config);
    }
    s.validating = false;
    draw();
  }

  // ---- loading ---------------------------------------------------------------------------------------------------
  async function load() {
    const defs = await get('/api/workflows/node-definitions');
    s.definitions = defs || [];
    s.byStep = definitionsByStep(s.definitions);
    if (s.id) {
      const w = await get('/api/workflows/' + encodeURIComponent(s.id));
      adopt(w);
    } else {
      const [presets, blueprints] = await Promise.all([get('/api/workflows/presets'), get('/api/workflows/blueprints')]);
      s.starters = [
        ...(presets || []).map((p) => ({ ...p, key: p.name, kind: 'preset' })),
        ...(blueprints || []).map((b) => ({ ...b, key: 'blueprint-' + b.name, kind: 'blueprint' })),
      ];
    }
    draw();
  }

  function adopt(workflow) {
    s.id = workflow.id;
    s.name = workflow.name;
    s.version = workflow.version;
    s.saved = { name: workflow.name, config: clone(workflow.config) };
    s.versions = null;
    change(clone(workflow.config));
  }

  function start(starter) {
    s.starters = null;
    s.name = starter ? starter.label || starter.name : 'Untitled workflow';
    change(starter ? clone(starter.config) : emptyConfig());
  }

  // ---- actions ---------------------------------------------------------------------------------------------------
  async function save() {
    s.busy = true;
    draw();
    try {
      const body = { name: s.name, config: s.config };
      const w = s.id ? await put('/api/workflows/' + encodeURIComponent(s.id), body)
        : await post('/api/workflows', body);
      history.replaceState(null, '', '#/editor/' + encodeURIComponent(w.id));
      adopt(w);
      s.message = `saved as version ${w.version}`;
    } catch (e) {
      if (e.path) s.validation = pinIssues([{ code: e.code, message: e.message, path: e.path }], s.config);
    }
    s.busy = false;
    draw();
  }

  async function showVersions() {
    if (s.versions) {
      s.versions = null;
      draw();
      return;
    }
    s.versions = (await get('/api/workflows/' + encodeURIComponent(s.id) + '/versions')) || [];
    s.chosen = [];
    s.diff = null;
    draw();
  }

  function choose(version) {
    s.chosen = s.chosen.includes(version) ? s.chosen.filter((v) => v !== version) : [...s.chosen, version].slice(-2);
    if (s.chosen.length === 2) {
      const [a, b] = [...s.chosen].sort((x, y) => x - y).map((v) => s.versions.find((w) => w.version === v));
      s.diff = { from: a.version, to: b.version, changes: configDiff(a.config, b.config), lines: jsonLineDiff(a.config, b.config) };
      if (a.name !== b.name) s.diff.changes.unshift({ kind: 'changed', what: 'name', text: `name: ${a.name} → ${b.name}` });
    } else {
      s.diff = null;
    }
    draw();
  }

  async function preflight() {
    s.preflight = null;
    draw();
    const useSaved = s.id && !dirty();
    try {
      s.preflight = useSaved
        ? await get(`/api/workflows/${encodeURIComponent(s.id)}/preflight?context_id=${encodeURIComponent(s.contextId)}`)
        : await post('/api/workflows/preflight', { workflow_id: s.id || undefined, context_id: s.contextId, config: s.config });
    } catch (e) {
      s.preflight = null;
    }
    draw();
  }

  async function dispatch() {
    s.busy = true;
    draw();
    // a saved, unchanged workflow is dispatched as saved (operators); otherwise the draft (authors may)
    const asSaved = s.id && !dirty() && may(session.roles, 'runControl');
    try {
      const r = asSaved
        ? await post(`/api/workflows/${encodeURIComponent(s.id)}/dispatch?context_id=${encodeURIComponent(s.contextId)}`)
        : await post('/api/workflows/dispatch', { workflow_id: s.id || undefined, context_id: s.contextId, config: s.config });
      const runId = r?.workflow_run?.id;
      if (runId) {
        location.hash = '#/runs/' + encodeURIComponent(runId);
        return;
      }
    } catch (e) {
      /* shown in the banner */
    }
    s.busy = false;
    draw();
  }

  // ---- rendering -------------------------------------------------------------------------------------------------
  function starterPage() {
    return html`<section class="starters">
      <h1>New workflow</h1>
      <p>Start from a legacy preset, a family-safe blueprint, or an empty canvas.</p>
      <div class="starter-grid">
        <button class="starter" data-testid="starter-empty" @click=${() => start(null)}>
          <strong>Empty canvas</strong><span>no nodes; the first node decides the family</span></button>
        ${s.starters.map((st) => html`<button class="starter" data-testid="starter" data-starter=${st.key}
            data-starter-kind=${st.kind} @click=${() => start(st)}>
          <strong>${st.label || st.name}</strong><span class="tag">${st.kind} · ${st.family}</span>
          <span>${st.description}</span></button>`)}
      </div>
    </section>`;
  }

  function palette() {
    const entries = paletteEntries(s.definitions, s.family, s.search);
    const groups = paletteGroups(entries, s.family);
    return html`<aside class="palette" data-testid="palette">
      <input type="search" placeholder="search nodes" data-testid="palette-search" .value=${s.search}
        @input=${(e) => { s.search = e.target.value; draw(); }}>
      ${s.family ? html`<p class="hint">family: <strong>${s.family}</strong></p>` : nothing}
      ${[...groups].map(([family, modules]) => html`<div class="palette-family" data-testid="palette-family" data-family=${family}>
        <h3>${family}</h3>
        ${[...modules].map(([module, roles]) => html`<div class="palette-module" data-module=${module}>
          <h4>${module}</h4>
          ${[...roles].map(([role, defs]) => html`<div class="palette-role" data-role=${role}>
            <h5>${role}</h5>
            ${defs.map((d) => html`<button class="palette-item" data-testid="palette-item" data-step=${d.step}
                title=${d.description + (d.disabled_reason ? ' — ' + d.disabled_reason : '')}
                @click=${() => insert(d.step)}>${d.label}<small>${d.step}</small></button>`)}
          </div>`)}
        </div>`)}
      </div>`)}
    </aside>`;
  }

  function contextMenu() {
    if (!s.menu) return nothing;
    const entries = paletteEntries(s.definitions, s.family, '');
    return html`<div class="context-menu" data-testid="canvas-menu" style="left:${s.menu.x}px;top:${s.menu.y}px">
      ${entries.map((d) => html`<button data-testid="canvas-menu-item" data-step=${d.step}
          @click=${() => { const p = s.menu.position; s.menu = null; insert(d.step, p); }}>${d.label}</button>`)}
      <button class="link" @click=${() => { s.menu = null; draw(); }}>close</button>
    </div>`;
  }

  function outline() {
    const issuesOf = (id) => s.validation.nodes.has(id);
    const others = s.config.nodes.filter((n) => n.id !== s.selected);
    return html`<div class="outline" data-testid="outline">
      <h3>Nodes</h3>
      <ul>
        ${s.config.nodes.map((n) => html`<li data-testid="graph-node" data-node-id=${n.id} data-step=${n.step}
            data-invalid=${issuesOf(n.id) ? 'true' : 'false'} class=${n.id === s.selected ? 'selected' : ''}
            @click=${() => select(n.id)}>${n.id} <small>${n.step}</small></li>`)}
      </ul>
      <h3>Edges</h3>
      <ul>
        ${(s.config.edges || []).map((e) => html`<li data-testid="graph-edge" data-from=${e.from} data-to=${e.to}
            data-invalid=${s.validation.edges.has(e.from + '->' + e.to) ? 'true' : 'false'}>${e.from} → ${e.to}
          ${canAuthor ? html`<button class="link" data-testid="delete-edge"
              @click=${() => change(removeEdge(s.config, e.from, e.to))}>delete</button>` : nothing}</li>`)}
      </ul>
      ${canAuthor && s.selected ? html`<div class="connect">
        <button data-testid="delete-node" @click=${() => change(removeNode(s.config, s.selected))}>Delete node ${s.selected}</button>
        <label>connect ${s.selected} →
          <select data-testid="connect-target" @change=${(e) => { s.connectTarget = e.target.value; }}>
            <option value="">(target)</option>
            ${others.map((n) => html`<option value=${n.id} ?selected=${n.id === s.connectTarget}>${n.id}</option>`)}
          </select></label>
        <button data-testid="connect" @click=${() => {
          const target = container.querySelector('[data-testid=connect-target]').value;
          if (target) change(addEdge(s.config, s.selected, target));
        }}>Connect</button>
      </div>` : nothing}
    </div>`;
  }

  function issues() {
    const list = s.validation.issues;
    return html`<div class="issues" data-testid="validation">
      <h3>Validation ${s.validating ? html`<small>checking…</small>` : s.valid ? html`<small class="ok" data-testid="valid">valid</small>` : nothing}</h3>
      ${list.map((i) => html`<div class="validation-issue" data-testid="validation-issue" data-code=${i.code} data-path=${i.path}
          @click=${() => i.pin.node && select(i.pin.node)}>
        <code>${i.code}</code> ${i.message} <small>${i.path}</small></div>`)}
    </div>`;
  }

  function inspector() {
    const node = s.config.nodes.find((n) => n.id === s.selected);
    if (!node) return html`<div class="inspector"><p class="hint">Select a node to edit its settings.</p></div>`;
    const def = s.byStep.get(node.step);
    return html`<div class="inspector">
      <h3>${node.id} <small>${def?.label ?? node.step}</small></h3>
      ${def ? html`<p class="hint">${def.description} · ${def.executor}${def.disabled_reason ? ' — ' + def.disabled_reason : ''}</p>` : nothing}
      <div class="node-form" data-testid="node-form" data-node-id=${node.id}></div>
    </div>`;
  }

  function versionsPanel() {
    if (!s.versions) return nothing;
    return html`<div class="versions-panel">
      <h3>Versions <small>choose two to compare</small></h3>
      <table class="list"><tbody>
        ${[...s.versions].reverse().map((v) => html`<tr data-testid="version-row" data-version=${v.version}
            class=${'clickable' + (s.chosen.includes(v.version) ? ' selected' : '')} @click=${() => choose(v.version)}>
          <td><input type="checkbox" .checked=${s.chosen.includes(v.version)}></td>
          <td>v${v.version}</td><td>${v.name}</td><td>${v.updated_by ?? ''}</td><td>${v.updated_at ?? ''}</td></tr>`)}
      </tbody></table>
      ${s.diff ? html`<div class="version-diff" data-testid="version-diff">
        <h4>v${s.diff.from} → v${s.diff.to}</h4>
        ${s.diff.changes.length === 0 ? html`<p>No differences.</p>` : html`<ul>
          ${s.diff.changes.map((c) => html`<li class=${'diff-' + c.kind} data-kind=${c.kind} data-what=${c.what}>${c.text}</li>`)}</ul>`}
        <details><summary>JSON</summary><pre>${s.diff.lines.map((p) => html`<span class=${p.added ? 'diff-added' : p.removed ? 'diff-removed' : ''}>${p.value}</span>`)}</pre></details>
      </div>` : nothing}
    </div>`;
  }

  function runPanel() {
    if (!canAuthor) return nothing;
    const pf = s.preflight;
    return html`<div class="run-panel">
      <h3>Run</h3>
      <select data-testid="context-kind" @change=${(e) => { s.contextKind = e.target.value; }}>
        <option value="order_line" ?selected=${s.contextKind === 'order_line'}>order_line</option>
        <option value="cad_file" ?selected=${s.contextKind === 'cad_file'}>cad_file</option>
      </select>
      <input data-testid="context-id" placeholder=${s.contextKind === 'cad_file' ? 'CAD file id' : 'order line id'}
        .value=${s.contextId} @input=${(e) => { s.contextId = e.target.value.trim(); }}>
      <button data-testid="preflight" @click=${preflight}>Preflight</button>
      <button class="primary" data-testid="dispatch" ?disabled=${!s.valid || s.validating || s.busy}
        @click=${dispatch}>Dispatch ${s.id && !dirty() ? 'saved' : 'draft'}</button>
      ${pf ? html`<div class="preflight-result" data-testid="preflight-result">
        <p>context: ${pf.context_kind} (expected ${pf.expected_context_kind}) · graph dispatch allowed:
          <strong>${String(pf.graph_dispatch_allowed)}</strong></p>
        <ul>${(pf.nodes || []).map((n) => html`<li class=${'pf-' + n.status} data-node-id=${n.node_id} data-status=${n.status}>
          ${n.node_id} <small>${n.step} · ${n.executor}</small> <strong>${n.status}</strong></li>`)}</ul>
        ${(pf.issues || []).map((i) => html`<div class="preflight-issue" data-testid="preflight-issue" data-node-id=${i.node_id ?? ''}
            data-code=${i.code} data-severity=${i.severity}><code>${i.code}</code> ${i.node_id ?? ''}: ${i.message}</div>`)}
        ${(pf.issues || []).length === 0 ? html`<p class="ok">no issues</p>` : nothing}
      </div>` : nothing}
    </div>`;
  }

  function editor() {
    return html`<section class="editor">
      <div class="toolbar">
        <input class="name" data-testid="workflow-name" placeholder="workflow name" .value=${s.name} ?readonly=${!canAuthor}
          @input=${(e) => { s.name = e.target.value; draw(); }}>
        <span class="version" data-testid="version-label">${s.version ? 'v' + s.version : 'new'}</span>
        ${dirty() && s.saved ? html`<span class="hint" data-testid="unsaved">unsaved changes</span>` : nothing}
        ${canAuthor ? html`<button data-testid="auto-layout" @click=${() => {
          const positions = canvas.autoLayout(s.config.nodes, s.config.edges || []);
          change(setPositions(s.config, positions), { revalidate: false });
        }}>Auto layout</button>
        <button class="primary" data-testid="save" ?disabled=${!s.valid || s.validating || s.busy || !s.name.trim() || (s.id && !dirty())}
          @click=${save}>Save</button>` : nothing}
        ${s.id ? html`<button data-testid="versions" @click=${showVersions}>Versions</button>` : nothing}
        ${s.message ? html`<span class="hint">${s.message}</span>` : nothing}
      </div>
      ${versionsPanel()}
      <div class="editor-body">
        ${canAuthor ? palette() : nothing}
        <div class="canvas-wrap">
          <div class="canvas" data-testid="canvas"></div>
          ${contextMenu()}
          <p class="hint">Drag nodes; shift-click a node to connect the selected node to it; select an edge and press
            Delete; right-click the canvas to insert a node.</p>
        </div>
        <div class="side">
          ${inspector()}
          ${outline()}
          ${canAuthor ? issues() : nothing}
          ${runPanel()}
        </div>
      </div>
    </section>`;
  }

  function select(id) {
    s.selected = id;
    s.connectTarget = '';
    draw();
  }

  function syncCanvas() {
    const el = container.querySelector('[data-testid=canvas]');
    if (!el) return;
    if (!canvas) {
      canvas = new GraphCanvas(el, {
        editable: canAuthor,
        onSelect: (id) => { s.menu = null; select(id); },
        onMove: (positions) => change(setPositions(s.config, positions), { revalidate: false }),
        onConnect: (from, to) => change(addEdge(s.config, from, to)),
        onDeleteEdge: (from, to) => change(removeEdge(s.config, from, to)),
        onContext: (position, rendered) => { s.menu = { position, x: rendered.x, y: rendered.y }; draw(); },
      });
    }
    canvas.show(
      s.config.nodes.map((n) => ({ id: n.id, label: `${n.id}\n${n.step}`, position: n.position,
        invalid: s.validation.nodes.has(n.id) })),
      (s.config.edges || []).map((e) => ({ ...e, invalid: s.validation.edges.has(e.from + '->' + e.to) })));
    canvas.select(s.selected);
  }

  function syncForm() {
    const el = container.querySelector('[data-testid=node-form]');
    const node = s.config.nodes.find((n) => n.id === s.selected);
    const key = node && el ? node.id + '|' + node.step : null;
    if (formNode !== key || (el && form && form.element !== el)) {
      if (form) form.destroy();
      form = null;
      formNode = key;
      if (key) {
        const def = s.byStep.get(node.step);
        if (def) {
          form = new NodeForm(el, def, node.params, {
            readOnly: !canAuthor,
            onChange: (values) => {
              const current = s.config.nodes.find((n) => n.id === node.id);
              if (!current) return;
              const params = paramsFromForm(values, def.defaults, current.params,
                new Set(Object.keys(def.settings_schema?.properties || {})));
              if (JSON.stringify(params) !== JSON.stringify(current.params)) change(setParams(s.config, node.id, params));
            },
          });
        }
      }
    }
    if (form && node) form.showErrors(fieldErrors(s.validation.issues, node.id));
  }

  function draw() {
    if (disposed) return;
    if (!s.config) {
      render(s.starters ? starterPage() : html`<p>Loading…</p>`, container);
      return;
    }
    render(editor(), container);
    syncCanvas();
    syncForm();
  }

  draw();
  load().catch(() => { /* shown in the banner */ });
  return () => {
    disposed = true;
    clearTimeout(validateTimer);
    if (form) form.destroy();
    if (canvas) canvas.destroy();
  };
}
