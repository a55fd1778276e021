import { html, render } from 'lit';
import { get, query } from '../lib/api.js';
import { go } from '../lib/router.js';

// the run list's filter: a run's own statuses (queued and skipped are a node's), as dispatch's GET /api/workflows/runs takes them
export const RUN_STATUSES = ['pending', 'running', 'completed', 'failed', 'cancelled'];
export const EXECUTION_MODES = ['legacy', 'graph', 'shadow'];

// #/runs: the runs, newest first, filtered by workflow, order line, status and execution mode (all server side).
export function runsPage(container) {
  const f = { workflow: '', orderLine: '', status: '', mode: '' };
  let page = null;
  let timer = null;

  async function load() {
    try {
      page = await get('/api/workflows/runs' + query({ workflow_id: f.workflow, order_line_id: f.orderLine,
        status: f.status, execution_mode: f.mode, page_size: 100 }));
    } catch (e) {
      page = { items: [], total: 0 };
    }
    draw();
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(load, 300);
  }

  function draw() {
    const items = page?.items || [];
    render(html`<section>
      <h1>Runs</h1>
      <div class="filters">
        <label>workflow <input data-testid="filter-workflow" placeholder="workflow id" .value=${f.workflow}
          @input=${(e) => { f.workflow = e.target.value.trim(); later(); }}></label>
        <label>order line <input data-testid="filter-order-line" placeholder="order line id" .value=${f.orderLine}
          @input=${(e) => { f.orderLine = e.target.value.trim(); later(); }}></label>
        <label>status <select data-testid="filter-status" @change=${(e) => { f.status = e.target.value; load(); }}>
          <option value="">any</option>${RUN_STATUSES.map((st) => html`<option value=${st}>${st}</option>`)}</select></label>
        <label>execution mode <select data-testid="filter-execution-mode" @change=${(e) => { f.mode = e.target.value; load(); }}>
          <option value="">any</option>${EXECUTION_MODES.map((m) => html`<option value=${m}>${m}</option>`)}</select></label>
        <button @click=${load}>Refresh</button>
      </div>
      ${page === null ? html`<p>Loading…</p>` : html`
        <table class="list">
          <thead><tr><th>Run</th><th>Status</th><th>Mode</th><th>Workflow</th><th>Order line</th><th>CAD file</th><th>Created</th></tr></thead>
          <tbody>${items.map((r) => html`<tr data-testid="run-row" data-run-id=${r.id} data-status=${r.status}
              data-execution-mode=${r.execution_mode} class="clickable" @click=${() => go('#/runs/' + encodeURIComponent(r.id))}>
            <td><a href=${'#/runs/' + encodeURIComponent(r.id)}>${r.id}</a></td>
            <td><span class=${'status status-' + r.status}>${r.status}</span></td><td>${r.execution_mode}</td>
            <td>${r.workflow_def_id ?? ''}</td><td>${r.order_line_id ?? ''}</td><td>${r.cad_file_id ?? ''}</td>
            <td>${r.created_at ?? ''}</td></tr>`)}</tbody>
        </table>
        <p class="hint">${items.length} shown of ${page.total ?? items.length}</p>`}
    </section>`, container);
  }

  draw();
  load();
  return () => clearTimeout(timer);
}
