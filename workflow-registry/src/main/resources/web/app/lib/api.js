import { storedToken } from './token.js';

/** An API refusal: the services' JSON error body {code, message, path} and the HTTP status. */
export class ApiError extends Error {
  constructor(status, code, message, path) {
    super(message);
    this.status = status;
    this.code = code;
    this.path = path ?? '';
  }
}

let errorListener = () => {};
/** Every API error is reported here (the shell shows it in the error banner). */
export function onApiError(listener) {
  errorListener = listener;
}

export function authHeaders(extra = {}) {
  const token = storedToken();
  return token ? { ...extra, Authorization: 'Bearer ' + token } : extra;
}

async function errorOf(response) {
  let body = null;
  try {
    body = await response.json();
  } catch (e) {
    body = null;
  }
  return new ApiError(response.status, body?.code ?? 'http_' + response.status,
    body?.message ?? response.statusText ?? 'request failed', body?.path ?? '');
}

/** fetch with the bearer token; JSON in and out; a refusal is thrown as ApiError and shown in the banner. */
export async function api(method, path, body, { quiet = false } = {}) {
  const init = { method, headers: authHeaders({ Accept: 'application/json' }) };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    const err = new ApiError(0, 'network_error', String(e.message || e), '');
    if (!quiet) errorListener(err);
    throw err;
  }
  if (!response.ok) {
    const err = await errorOf(response);
    if (!quiet) errorListener(err);
    throw err;
  }
  if (response.status === 204) return null;
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

export const get = (path, opts) => api('GET', path, undefined, opts);
export const post = (path, body, opts) => api('POST', path, body, opts);
export const put = (path, body, opts) => api('PUT', path, body, opts);

/** Binary content (images, video) through fetch with the token, as a blob: URL an <img>/<video> can show. */
export async function blobUrl(path, { quiet = false } = {}) {
  const response = await fetch(path, { headers: authHeaders() });
  if (!response.ok) {
    const err = await errorOf(response);
    if (!quiet) errorListener(err);
    throw err;
  }
  return URL.createObjectURL(await response.blob());
}

export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, v);
  }
  const s = q.toString();
  return s ? '?' + s : '';
}
