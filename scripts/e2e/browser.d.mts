// Types for browser.mjs.
import type { Browser } from 'playwright-core';

export const chromiumArgs: string[];
export function launchChromium(): Promise<Browser>;
export function closeBrowser(browser: Browser, timeoutMs?: number): Promise<void>;
