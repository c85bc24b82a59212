// Debian's Chromium, driven by playwright-core, headless and quiet: nothing it
// does may reach the network beyond the loopback code-server.
import { chromium } from 'playwright-core';
import { chromiumBinary } from './paths.mjs';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

/**
 * Launches the browser in its own process group (playwright does that on Linux)
 * and kills it with this process if anything goes wrong.
 */
export function launchChromium() {
  return chromium.launch({ executablePath: chromiumBinary, headless: true, args: chromiumArgs, timeout: 60_000 });
}

/** Closes the browser, giving up after `timeoutMs` (a wedged renderer must not hang teardown). */
export async function closeBrowser(browser, timeoutMs = 10_000) {
  let timer;
  await Promise.race([
    browser.close().catch(() => undefined),
    new Promise((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    }),
  ]);
  clearTimeout(timer);
}
