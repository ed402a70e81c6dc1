// What the browser tests share: chromium launched as this machine needs it,
// named checks printed as they run, and one "test result:" line in cargo's
// format at the end, so scripts/test.sh counts them with the other tests.
import { chromium } from 'playwright-core';

/** Debian's chromium, headless, without the background traffic a closed
 * network refuses. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

export function expect(condition, message) {
  if (!condition) throw new Error(message);
}

/** Named checks. With `story`, the checks are the steps of one story: once
 * one fails the later ones are reported failed without being run, and
 * `onFailure` (a screenshot, say) runs first. */
export function checks({ story = false, onFailure = async () => {} } = {}) {
  const results = [];
  let stopped = false;
  async function check(name, body) {
    if (stopped) {
      results.push([name, new Error('not run: an earlier step failed')]);
      console.log(`browser check ${name} ... FAILED (not run: an earlier step failed)`);
      return;
    }
    try {
      await body();
      results.push([name, null]);
      console.log(`browser check ${name} ... ok`);
    } catch (e) {
      results.push([name, e]);
      console.log(`browser check ${name} ... FAILED\n  ${e.stack ?? e}`);
      if (story) {
        stopped = true;
        await onFailure().catch(() => {});
      }
    }
  }
  /** Prints the result line and exits with the run's status. */
  function finish() {
    const failed = results.filter(([, e]) => e).length;
    console.log(`test result: ${failed ? 'FAILED' : 'ok'}. ${results.length - failed} passed; ${failed} failed; 0 ignored; 0 measured; 0 filtered out`);
    process.exit(failed ? 1 : 0);
  }
  return { check, finish };
}
