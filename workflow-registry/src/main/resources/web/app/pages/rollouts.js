import { html, render, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { get, put } from '../lib/api.js';
import { may } from '../lib/roles.js';

export const ROLLOUT_MODES = ['legacy_only', 'shadow', 'graph'];

function rate(outcome) {
  if (!outcome) return '—';
  const r = outcome.failure_rate;
  return `${r === null || r === undefined ? 'n/a' : (r * 100).toFixed(1) + ' %'} (${outcome.failed}/${outcome.runs})`;
}

// #/rollouts: per output type its rollout mode, verdict history, readiness, graph vs legacy failure rates, the switch
// (operators; forced only by admins) with its required reason, and the audit history.
export function rolloutsPage(container, route, session) {
  const operator = may(session.roles, 'rolloutSwitch');
  const admin = may(session.roles, 'forceSwitch');
  let rows = null;
  const forms = new Map(); // output type id → {mode, reason, force, problem}
  let disposed = false;

  async function loadOne(ot) {
    const id = encodeURIComponent(ot.id);
    const [readiness, setting, audit] = await Promise.all([
      get(`/api/rollout/output-types/${id}/readiness`, { quiet: true }).catch((e) => ({ error: e })),
      get(`/api/rollout/output-types/${id}`, { quiet: true }).catch(() => null),
      get(`/api/rollout/output-types/${id}/history`, { quiet: true }).catch(() => []),
    ]);
    return { outputType: ot, readiness, setting, audit: audit || [] };
  }

  async function load() {
    const types = (await get('/api/output-types').catch(() => [])) || [];
    const list = Array.isArray(types) ? types : types.items || [];
    rows = await Promise.all(list.map(loadOne));
    draw();
  }

  async function submit(row) {
    const f = forms.get(row.outputType.id);
    if (!f.reason.trim()) {
      f.problem = 'a reason is required';
      draw();
      return;
    }
    try {
      await put(`/api/rollout/output-types/${encodeURIComponent(row.outputType.id)}`,
        { mode: f.mode, reason: f.reason.trim(), ...(admin && f.force ? { force: true } : {}) });
      forms.delete(row.outputType.id);
      const fresh = await loadOne(row.outputType);
      rows = rows.map((r) => (r.outputType.id === row.outputType.id ? fresh : r));
    } catch (e) {
      f.problem = `${e.code}: ${e.message}`;
    }
    draw();
  }

  function form(row) {
    const id = row.outputType.id;
    if (!forms.has(id)) forms.set(id, { mode: row.setting?.mode ?? row.readiness?.rollout_mode ?? 'legacy_only', reason: '', force: false, problem: '' });
    const f = forms.get(id);
    return html`<div class="switch">
      <select data-testid="switch-mode" @change=${(e) => { f.mode = e.target.value; }}>
        ${ROLLOUT_MODES.map((m) => html`<option value=${m} ?selected=${m === f.mode}>${m}</option>`)}</select>
      <input data-testid="switch-reason" placeholder="reason (required)" required .value=${live(f.reason)}
        @input=${(e) => { f.reason = e.target.value; }}>
      ${admin ? html`<label><input type="checkbox" data-testid="switch-force" .checked=${f.force}
        @change=${(e) => { f.force = e.target.checked; }}> force</label>` : nothing}
      <button class="primary" data-testid="switch-submit" @click=${() => submit(row)}>Switch</button>
      ${f.problem ? html`<span class="problem" data-testid="switch-problem">${f.problem}</span>` : nothing}
    </div>`;
  }

  function row(r) {
    const rd = r.readiness && !r.readiness.error ? r.readiness : null;
    const mode = r.setting?.mode ?? rd?.rollout_mode ?? '';
    return html`<article class="rollout-row" data-testid="rollout-row" data-output-type=${r.outputType.id}>
      <header>
        <h2>${r.outputType.name ?? r.outputType.id} <small>${r.outputType.id}</small></h2>
        <span class="mode" data-testid="rollout-mode">${mode}</span>
        <small>${r.setting?.source ?? rd?.rollout_mode_source ?? ''}${r.setting?.updated_by ? ' · by ' + r.setting.updated_by : ''}</small>
      </header>
      ${rd ? html`<div class="readiness" data-testid="readiness">
        <p>recommendation: <strong data-testid="recommendation">${rd.recommendation}</strong> ·
          passes ${rd.consecutive_passes}/${rd.required_passes} · noise floor ${rd.noise_floor ?? 'none'}
          ${rd.auto_hold_enabled ? ' · automatic hold on' : ''}</p>
        ${(rd.reasons || []).length ? html`<ul>${rd.reasons.map((x) => html`<li>${typeof x === 'string' ? x : JSON.stringify(x)}</li>`)}</ul>` : nothing}
        <p data-testid="failure-rates">graph failure rate <strong data-testid="graph-failure-rate">${rate(rd.graph)}</strong> ·
          legacy failure rate <strong data-testid="legacy-failure-rate">${rate(rd.legacy)}</strong>
          ${rd.window ? html`<small>(window ${typeof rd.window === 'object' ? JSON.stringify(rd.window) : rd.window})</small>` : nothing}</p>
        <h3>Verdict history</h3>
        <table class="list"><thead><tr><th>run</th><th>verdict</th><th>status</th><th>mean pixel delta</th><th>noise floor</th><th>attempt</th><th>decided</th></tr></thead>
          <tbody>${(rd.latest_verdicts || []).map((v) => html`<tr data-testid="verdict-row" data-verdict=${v.verdict}>
            <td><a href=${'#/runs/' + encodeURIComponent(v.workflow_run_id)}>${v.workflow_run_id}</a></td><td>${v.verdict}</td>
            <td>${v.status}</td><td>${v.mean_pixel_delta ?? ''}</td><td>${v.noise_floor ?? ''}</td><td>${v.attempt ?? ''}</td><td>${v.decided_at ?? ''}</td></tr>`)}</tbody></table>
      </div>` : html`<p class="hint">${r.readiness?.error ? `${r.readiness.error.code}: ${r.readiness.error.message}` : 'no readiness'}</p>`}
      ${operator ? form(r) : nothing}
      <h3>Audit history</h3>
      <table class="list"><thead><tr><th>when</th><th>from</th><th>to</th><th>actor</th><th>reason</th><th>forced</th><th>latest verdict</th></tr></thead>
        <tbody>${[...r.audit].reverse().map((a) => html`<tr data-testid="audit-row" data-to-mode=${a.to_mode}>
          <td>${a.changed_at}</td><td>${a.from_mode ?? ''}</td><td>${a.to_mode}</td><td>${a.actor}</td><td>${a.reason}</td>
          <td>${a.forced ? 'yes' : 'no'}</td><td>${a.latest_verdict ?? ''}</td></tr>`)}</tbody></table>
    </article>`;
  }

  function draw() {
    if (disposed) return;
    render(html`<section class="rollouts">
      <h1>Rollouts</h1>
      ${rows === null ? html`<p>Loading…</p>` : rows.length === 0 ? html`<p>No output types.</p>` : rows.map(row)}
    </section>`, container);
  }

  draw();
  load();
  return () => { disposed = true; };
}
