// A backend's page under the Content-Security-Policy it sends: its header, and what it blocks of the
// requests the widget makes (the doctor's probes, in Chromium, kept on the machine).
import { messengerProbes, probeInPage } from '../../generators/csp.js';
import { keepProbesLocal } from '../../generators/doctor/page.js';
import type { FrontendAnswers } from '../../generators/targets/types.js';
import { request, SECRET } from './backend-contract.js';
import { launchBrowser, openPage, waitForCalls } from './browser.js';
import { startHost, type StartCommand } from './hosts.js';
import { freePort } from './server.js';

/**
 * Starts the app, loads its page and makes the probes: the header, and the directives that blocked
 * one; with `boots`, the page's generated Messenger must first boot (the stand-in widget, loaded under that policy).
 */
export async function probeBackendPage(start: StartCommand, dir: string, region: FrontendAnswers['region'], boots = false) {
  const server = await startHost(start, dir, { INTERCOM_IDENTITY_SECRET: SECRET }, await freePort());
  const browser = await launchBrowser();
  try {
    const header = (await request(`${server.url}/`)).headers['content-security-policy'];
    const opened = await openPage(browser);
    const probes = messengerProbes(region);
    await keepProbesLocal(opened.page, probes);
    await opened.page.goto(`${server.url}/`);
    if (boots) await waitForCalls(opened, (calls) => calls.some((call) => call.method === 'boot'), 'the boot, under the policy');
    const blocked = await opened.page.evaluate(probeInPage, probes);
    return { header: String(header ?? ''), blocked: [...new Set(blocked.map((b) => b.directive))].sort() };
  } finally {
    await browser.close();
    await server.stop();
  }
}

/** The sources of one directive of a policy header. */
export const directiveSources = (header: string, name: string) =>
  header
    .split(';')
    .map((part) => part.trim().split(/\s+/))
    .find(([first]) => first === name)
    ?.slice(1) ?? [];
