/** A real Chromium (Debian's /usr/bin/chromium) for the browser tests, through playwright-core. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const SCREENSHOTS = join(import.meta.dirname, '../../test-results/screenshots');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/**
 * Fails the test on anything the page logs as an error (CSP refusals, exceptions, Svelte errors);
 * with `origin`, only while the page is there (not on another site it visits, like a sign-in provider).
 */
export function collectPageErrors(page: Page, origin?: string): string[] {
  const errors: string[] = [];
  const ours = () => origin === undefined || new URL(page.url()).origin === origin;
  page.on('pageerror', (error) => {
    if (ours()) errors.push(String(error));
  });
  page.on('console', (message) => {
    // a 401 while signed out is how the page learns it must show the sign-in form
    if (message.type() === 'error' && !/status of 401/.test(message.text()) && ours()) errors.push(message.text());
  });
  return errors;
}

/** Writes test-results/screenshots/<name>.png: the whole page, or with `viewport` what is in view. */
export async function screenshot(page: Page, name: string, options: { viewport?: boolean } = {}): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: !options.viewport });
}
