// The --consent contract in Chromium, checked step by step on the vanilla host (tests/consent.test.ts)
// and on the Angular and Ember adapters (tests/consent-adapters.test.ts): before the grant no token
// fetch, no widget request, no intercom-* cookie; the grant boots; revoking shuts down and clears.
import type { Browser } from 'playwright-core';
import * as assert from 'uvu/assert';
import { openPage, sleep, waitForCalls, WIDGET_STUB, type OpenedPage } from './browser.js';
import { WORKSPACE_ID } from './frontend-contract.js';

// The stand-in widget sets the cookies the real one sets.
const WIDGET_WITH_COOKIES = `${WIDGET_STUB}
document.cookie = 'intercom-id-${WORKSPACE_ID}=visitor; path=/';
document.cookie = 'intercom-session-${WORKSPACE_ID}=session; path=/';`;

export interface ConsentPage extends OpenedPage {
  /** Every request for a token (/api/intercom-jwt) the page made. */
  tokenFetches: string[];
}

/** A fresh page whose widget sets the intercom-* cookies, with its token fetches recorded. */
export async function openConsentPage(browser: Browser): Promise<ConsentPage> {
  const opened = await openPage(browser, { widgetBody: WIDGET_WITH_COOKIES });
  const tokenFetches: string[] = [];
  opened.page.on('request', (request) => request.url().includes('/api/intercom-jwt') && tokenFetches.push(request.url()));
  return { ...opened, tokenFetches };
}

export const intercomCookies = async (page: OpenedPage) =>
  (await page.page.context().cookies()).map((c) => c.name).filter((name) => name.startsWith('intercom-'));

/** Nothing has run yet: no widget request, no token fetch, no intercom-* cookie, not even the loader's window.Intercom. */
export async function assertNothingBeforeGrant(page: ConsentPage): Promise<void> {
  assert.equal([page.widgetRequests, page.tokenFetches, await intercomCookies(page)], [[], [], []], 'before the grant');
  assert.is(await page.page.evaluate(() => typeof (window as Window & { Intercom?: unknown }).Intercom), 'undefined', 'no window.Intercom before the grant');
}

/** The grant loads the widget once and boots the signed-in user with a token (the page's tokenFetches-th fetch); the widget's cookies follow. */
export async function assertGrantBoots(page: ConsentPage, grant: () => Promise<unknown>, tokenFetches: number): Promise<void> {
  await grant();
  const calls = await waitForCalls(page, (c) => c.some((x) => x.method === 'boot'), 'the boot after the grant');
  assert.ok(calls[0].args[0].intercom_user_jwt, 'the signed-in user boots with the token');
  assert.is(page.widgetRequests.length, 1, 'one widget request');
  assert.is(page.tokenFetches.length, tokenFetches, 'token fetches');
  assert.equal((await intercomCookies(page)).sort(), [`intercom-id-${WORKSPACE_ID}`, `intercom-session-${WORKSPACE_ID}`]);
}

/**
 * Revoking shuts the Messenger down and deletes the intercom-* cookies; what would reach the
 * Messenger afterwards (`then`: a sign-in, a navigation) calls nothing and fetches no token.
 */
export async function assertRevokeShutsDown(page: ConsentPage, revoke: () => Promise<unknown>, then: () => Promise<unknown>): Promise<void> {
  await revoke();
  const calls = await waitForCalls(page, (c) => c.at(-1)?.method === 'shutdown', 'the shutdown after revoking');
  assert.equal(await intercomCookies(page), [], 'the intercom-* cookies are deleted');
  const tokenFetches = page.tokenFetches.length;
  await then();
  await sleep(1000); // past the route updates' 300 ms debounce
  assert.is((await page.calls()).length, calls.length, 'nothing after revoking: no update, no boot');
  assert.is(page.tokenFetches.length, tokenFetches, 'no token fetch after revoking');
  assert.equal(page.errors, []);
}
