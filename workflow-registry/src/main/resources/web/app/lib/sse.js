import { authHeaders } from './api.js';

/**
 * A Server-Sent Events reader over fetch streaming. Hand-written on purpose: the browser's EventSource cannot send an
 * Authorization header, and the console keeps its token out of cookies; the parser below follows the SSE format
 * (https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation) for what the services
 * send: `event:`, `data:` (joined by newlines), `id:`, comment lines, blank line = dispatch.
 */
export class SseParser {
  constructor(onEvent) {
    this.onEvent = onEvent;
    this.buffer = '';
    this.reset();
    this.lastEventId = null;
  }

  reset() {
    this.event = 'message';
    this.data = [];
    this.id = null;
  }

  push(chunk) {
    this.buffer += chunk;
    let newline;
    while ((newline = this.buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = this.buffer.slice(0, newline);
      const sepLength = this.buffer.startsWith('\r\n', newline) ? 2 : 1;
      this.buffer = this.buffer.slice(newline + sepLength);
      this.line(line);
    }
  }

  line(line) {
    if (line === '') {
      if (this.data.length > 0) {
        if (this.id !== null) this.lastEventId = this.id;
        this.onEvent({ event: this.event, data: this.data.join('\n'), id: this.id });
      }
      this.reset();
      return;
    }
    if (line.startsWith(':')) return; // comment (heartbeat)
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.event = value;
    else if (field === 'data') this.data.push(value);
    else if (field === 'id') this.id = value;
  }
}

/**
 * Follows an SSE stream with the bearer token, reconnecting with Last-Event-ID while the stream ends before `done()`
 * says so. `lastEventId`: the id of the last event the caller already has (a stream followed again), sent on the
 * first request too, so that the server replays only what came after it. Returns a function that stops it.
 */
export function follow(path, onEvent, { done = () => false, retryMs = 2000, onError = () => {}, onEnd = () => {},
  lastEventId: initialEventId = null } = {}) {
  const controller = new AbortController();
  let lastEventId = initialEventId;
  let stopped = false;
  const run = async () => {
    while (!stopped) {
      const parser = new SseParser((e) => {
        lastEventId = e.id ?? lastEventId;
        onEvent(e);
      });
      try {
        const headers = authHeaders({ Accept: 'text/event-stream' });
        if (lastEventId) headers['Last-Event-ID'] = lastEventId;
        const response = await fetch(path, { headers, signal: controller.signal });
        if (response.status === 204) return; // an ended run whose last event we have
        if (!response.ok) {
          let body = null;
          try { body = await response.json(); } catch (e) { /* not JSON */ }
          onError({ status: response.status, code: body?.code ?? 'http_' + response.status,
            message: body?.message ?? response.statusText, path: body?.path ?? '' });
          return;
        }
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        for (;;) {
          const { value, done: end } = await reader.read();
          if (end) break;
          parser.push(value);
        }
      } catch (e) {
        if (stopped || e.name === 'AbortError') return;
      }
      if (done()) return;
      await new Promise((r) => setTimeout(r, retryMs));
    }
  };
  run().finally(() => { if (!stopped) onEnd(); });
  return () => {
    stopped = true;
    controller.abort();
  };
}
