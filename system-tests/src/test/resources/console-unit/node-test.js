// The part of Node's `node:test` the console's unit tests use (test(name, fn)), for running the same test files in
// Chromium (ConsoleLogicTest): a browser has no `node:test`, and a fresh machine has no Node, only the Chromium the
// browser tests need. Hand-written because it is a dozen lines; a test framework would not run the files unchanged.
const registered = [];

export function test(name, fn) {
  registered.push({ name, fn });
}

/** Runs the tests registered so far, one after the other, and forgets them. */
export async function run() {
  const tests = registered.splice(0, registered.length);
  const results = [];
  for (const t of tests) {
    try {
      await t.fn();
      results.push({ name: t.name, ok: true });
    } catch (e) {
      results.push({ name: t.name, ok: false, error: String((e && e.stack) || e) });
    }
  }
  return results;
}
