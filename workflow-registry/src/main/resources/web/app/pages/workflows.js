import { html, render, nothing } from 'lit';
import { get } from '../lib/api.js';
import { go } from '../lib/router.js';
import { may } from '../lib/roles.js';

// #/workflows: every workflow's latest version; a new workflow (authors) starts in the editor.
export function workflowsPage(container, route, session) {
  let workflows = null;
  const draw = () => render(html`<section>
      <div class="toolbar">
        <h1>Workflows</h1>
        ${may(session.roles, 'author')
          ? html`<button class="primary" data-testid="new-workflow" @click=${() => go('#/editor/new')}>New workflow</button>`
          : nothing}
      </div>
      ${workflows === null ? html`<p>Loading…</p>` : html`
        <table class="list">
          <thead><tr><th>Name</th><th>Family</th><th>Version</th><th>Execution mode</th><th>Active</th><th>Updated</th></tr></thead>
          <tbody>
            ${workflows.map((w) => html`<tr data-testid="workflow-row" data-workflow-id=${w.id} class="clickable"
                @click=${() => go('#/editor/' + encodeURIComponent(w.id))}>
              <td><a href=${'#/editor/' + encodeURIComponent(w.id)}>${w.name}</a></td>
              <td>${w.family ?? ''}</td><td>v${w.version}</td><td>${w.execution_mode ?? ''}</td>
              <td>${w.is_active ? 'yes' : 'no'}</td><td>${w.updated_at ?? ''}</td></tr>`)}
          </tbody>
        </table>
        ${workflows.length === 0 ? html`<p>No workflows yet.</p>` : nothing}`}
    </section>`, container);
  draw();
  get('/api/workflows').then((list) => {
    workflows = list || [];
    draw();
  }).catch(() => {
    workflows = [];
    draw();
  });
  return () => {};
}
