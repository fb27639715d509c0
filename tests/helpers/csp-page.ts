// A backend's page under the Content-Security-Policy it sends: its header, and what it blocks of the
// requests the widget makes (the doctor's probes, in Chromium, kept on the machine); and a page of it
// under a nonce-based policy, where the widget script runs by the page's nonce.
import type { Browser, Page } from 'playwright-core';
import { messengerProbes, probeInPage } from '../../generators/csp.js';
import { keepProbesLocal } from '../../generators/doctor/page.js';
import type { FrontendAnswers } from '../../generators/targets/types.js';
import { request, SECRET } from './backend-contract.js';
import { launchBrowser, openPage, recordViolations, violations, waitForCalls, type OpenedPage } from './browser.js';
import { startHost, type StartCommand } from './hosts.js';
import { freePort, type RunningServer } from './server.js';

/** What a page under a nonce-based policy did: the policy, its nonce, the widget script's, the violations and page errors. */
export interface NoncePage {
  policy: string;
  nonce: string | undefined;
  widgetNonce: string;
  violations: string[];
  errors: string[];
}

/** Starts the app with a signing secret, runs `use` with its server and a browser, stops both. */
async function withApp<T>(start: StartCommand, dir: string, use: (server: RunningServer, browser: Browser) => Promise<T>): Promise<T> {
  const server = await startHost(start, dir, { INTERCOM_IDENTITY_SECRET: SECRET }, await freePort());
  const browser = await launchBrowser();
  try {
    return await use(server, browser);
  } finally {
    await browser.close();
    await server.stop();
  }
}

/**
 * Loads the page until the generated Messenger boots (the stand-in widget), recording CSP violations
 * from the first script on; `trigger` runs after the load, for a load mode that waits for the visitor.
 */
export async function loadUnderNonce(opened: OpenedPage, url: string, trigger?: (page: Page) => Promise<void>): Promise<NoncePage> {
  await recordViolations(opened.page);
  const response = await opened.page.goto(url);
  const policy = (await response!.allHeaders())['content-security-policy'] ?? '';
  await trigger?.(opened.page);
  await waitForCalls(opened, (calls) => calls.some((call) => call.method === 'boot'), `the boot by the widget script, under ${policy}`);
  const widgetNonce = await opened.page.$eval('script[src^="https://widget.intercom.io/widget/"]', (script) => (script as HTMLScriptElement).nonce ?? '');
  return { policy, nonce: /'nonce-([^']+)'/.exec(policy)?.[1], widgetNonce, violations: await violations(opened.page), errors: opened.errors };
}

/**
 * Starts the app, loads its page and makes the probes: the header, and the directives that blocked
 * one; with `boots`, the page's generated Messenger must first boot (the stand-in widget, loaded
 * under that policy); with `noncePath`, that page of the same server is also loaded under its nonce.
 */
export async function probeBackendPage(
  start: StartCommand,
  dir: string,
  region: FrontendAnswers['region'],
  options: { boots?: boolean; noncePath?: string } = {},
) {
  return withApp(start, dir, async (server, browser) => {
    const header = (await request(`${server.url}/`)).headers['content-security-policy'];
    const opened = await openPage(browser);
    const probes = messengerProbes(region);
    await keepProbesLocal(opened.page, probes);
    await opened.page.goto(`${server.url}/`);
    if (options.boots) await waitForCalls(opened, (calls) => calls.some((call) => call.method === 'boot'), 'the boot, under the policy');
    const blocked = await opened.page.evaluate(probeInPage, probes);
    // What the app's own scripts report on <html data-…>: whether they still run under the policy.
    const app = await opened.page.evaluate(() => ({ ...document.documentElement.dataset }));
    const noncePage = options.noncePath === undefined ? undefined : await loadUnderNonce(await openPage(browser), `${server.url}${options.noncePath}`);
    return { header: String(header ?? ''), blocked: [...new Set(blocked.map((b) => b.directive))].sort(), app, noncePage };
  });
}

/** The sources of one directive of a policy header. */
export const directiveSources = (header: string, name: string) =>
  header
    .split(';')
    .map((part) => part.trim().split(/\s+/))
    .find(([first]) => first === name)
    ?.slice(1) ?? [];
