import { html, nothing } from 'lit';

// A shadow run's comparison (comparison-service, GET /api/workflows/runs/{id}/comparison): authoritative (legacy) and
// observer (graph) outputs side by side, the diff image, the verdict with its reasons and the noise floor. The pictures
// come from GET /api/workflows/runs/{id}/comparison/images/{authoritative|observer|diff}, fetched with the token into
// blob: URLs (`image(side)` gives the URL once loaded, null before).
const TITLES = {
  authoritative: 'Legacy (authoritative)',
  observer: 'Graph (observer)',
  diff: 'Difference',
};

function picture(testid, side, output, image) {
  const path = typeof output === 'string' ? output : output?.path;
  const src = path ? image(side) : null;
  return html`<figure class="compared" data-side=${testid} data-path=${path ?? ''}>
    <h3 class="compared-title" data-testid=${testid + '-title'}>${TITLES[side]}</h3>
    ${src ? html`<img data-testid=${testid} alt=${testid} src=${src}>`
      : html`<div class="placeholder" data-testid=${testid}>${path ? 'no preview' : 'no output'}</div>`}
    <figcaption>${path ?? '—'}${output?.exists === false ? ' (missing)' : ''}
      ${output?.image_width ? html` · ${output.image_width}×${output.image_height}` : nothing}
      ${output?.sha256 ? html`<br><small>${output.sha256}</small>` : nothing}</figcaption>
  </figure>`;
}

export function comparisonView(c, error, image) {
  if (!c) {
    return html`<section class="shadow-comparison" data-testid="shadow-comparison">
      <h2>Shadow comparison</h2>
      <p class="hint">${error ? html`<code>${error.code}</code> ${error.message}` : 'Loading…'}</p>
    </section>`;
  }
  const v = c.verdict || {};
  return html`<section class="shadow-comparison" data-testid="shadow-comparison">
    <h2>Shadow comparison <small>${c.comparison_kind ?? ''} · ${c.status ?? ''}${c.attempt ? ' · attempt ' + c.attempt : ''}</small></h2>
    <div class="pair">
      ${picture('authoritative-output', 'authoritative', c.authoritative_output, image)}
      ${picture('observer-output', 'observer', c.observer_output, image)}
      ${picture('diff-image', 'diff', c.diff_image_path, image)}
    </div>
    <dl>
      <dt>verdict</dt><dd><span class=${'verdict verdict-' + (v.verdict ?? '')} data-testid="verdict">${v.verdict ?? ''}</span>
        ${v.status ? html`<small>(${v.status})</small>` : nothing}</dd>
      <dt>reasons</dt><dd><ul>${(v.reasons || []).map((r) => html`<li data-testid="verdict-reason">${typeof r === 'string' ? r : JSON.stringify(r)}</li>`)}</ul></dd>
      <dt>mean pixel delta</dt><dd data-testid="mean-pixel-delta">${c.mean_pixel_delta ?? ''}</dd>
      <dt>noise floor</dt><dd data-testid="noise-floor">${floor(c.noise_floor ?? v.noise_floor)}</dd>
      <dt>thresholds</dt><dd>pass ≤ ${v.pass_threshold ?? ''} · warn ≤ ${v.warn_threshold ?? ''}${v.within_noise_floor ? ' · within the noise floor' : ''}</dd>
      <dt>exact / dimensions</dt><dd>${String(c.exact_match ?? '')} / ${String(c.dimensions_match ?? '')}</dd>
      ${c.summary ? html`<dt>summary</dt><dd>${typeof c.summary === 'string' ? c.summary : JSON.stringify(c.summary)}</dd>` : nothing}
      ${c.failure_reason ? html`<dt>failure</dt><dd class="problem">${c.failure_reason}</dd>` : nothing}
    </dl>
  </section>`;
}

function floor(f) {
  if (f === null || f === undefined) return 'none';
  if (typeof f === 'number') return String(f);
  return `${f.mean_pixel_delta ?? ''}${f.samples ? ` (${f.samples} samples, ${f.source ?? ''})` : ''}`;
}
