// Debian's Chromium driven by playwright-core. The widget URL is answered by a stub that
// behaves like the real widget where it matters (it replays the loader's queue and takes
// over window.Intercom) and records every Messenger call with the page clock's time.
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../generators/doctor/page.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const WIDGET_STUB = `(function () {
  var calls = (window.__intercomCalls = window.__intercomCalls || []);
  var queued = (window.Intercom && window.Intercom.q) || [];
  function Intercom(method) {
    calls.push({ method: method, args: Array.prototype.slice.call(arguments, 1), at: Date.now() });
  }
  window.Intercom = Intercom;
  for (var i = 0; i < queued.length; i++) Intercom.apply(null, queued[i]);
  window.__intercomWidgetLoads = (window.__intercomWidgetLoads || 0) + 1;
})();`;

/** The settings object of a boot or an update, with the fields the tests read. */
export interface MessengerSettings {
  app_id?: string;
  api_base?: string;
  intercom_user_jwt?: string;
  [field: string]: unknown;
}

export interface MessengerCall {
  method: string;
  /** Boot and update take settings first; the tests read no other call's arguments. */
  args: [MessengerSettings, ...unknown[]];
  at: number;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

export interface OpenedPage {
  page: Page;
  errors: string[];
  widgetRequests: string[];
  calls(): Promise<MessengerCall[]>;
  boots(): Promise<MessengerSettings[]>;
}

/**
 * A fresh context (no cookies) with the widget stubbed and page errors collected. `widgetBody`
 * replaces the stub (a stand-in that also sets cookies or renders a launcher, say).
 */
export async function openPage(browser: Browser, options: { widgetDelayMs?: number; widgetBody?: string } = {}): Promise<OpenedPage> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  const widgetRequests: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  // Nothing leaves the machine; the widget route, registered later, takes precedence.
  await context.route(/^https?:\/\/(?!127\.0\.0\.1|localhost)/, (route) => route.abort());
  await context.route('https://widget.intercom.io/widget/**', async (route) => {
    widgetRequests.push(route.request().url());
    if (options.widgetDelayMs) await new Promise((resolve) => setTimeout(resolve, options.widgetDelayMs));
    await route.fulfill({ status: 200, contentType: 'application/javascript', body: options.widgetBody ?? WIDGET_STUB });
  });
  const calls = async () => (await page.evaluate(() => (window as Window & { __intercomCalls?: MessengerCall[] }).__intercomCalls ?? [])) as MessengerCall[];
  return {
    page,
    errors,
    widgetRequests,
    calls,
    boots: async () => (await calls()).filter((c) => c.method === 'boot').map((c) => c.args[0]),
  };
}

/** Waits until the recorded calls satisfy the predicate, or fails with what was recorded. */
export async function waitForCalls(opened: OpenedPage, predicate: (calls: MessengerCall[]) => boolean, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  let calls: MessengerCall[] = [];
  while (Date.now() < deadline) {
    calls = await opened.calls();
    if (predicate(calls)) return calls;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `timed out waiting for ${what}; Messenger calls: ${JSON.stringify(calls.map((c) => [c.method, c.args]))}; page errors: ${opened.errors.join(' | ')}`,
  );
}

type ViolationsWindow = Window & { __violations?: string[] };

/** Records the page's CSP violations (directive and blocked URI) from its first script on; read them with `violations`. */
export const recordViolations = (page: Page) =>
  page.addInitScript(() => {
    const violations: string[] = ((window as ViolationsWindow).__violations = []);
    document.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.effectiveDirective} ${event.blockedURI}`));
  });

/** The CSP violations recorded since the page loaded (see `recordViolations`). */
export const violations = (page: Page) => page.evaluate(() => (window as ViolationsWindow).__violations ?? []);

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
