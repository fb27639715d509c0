// 4. Page: load it in headless Chromium with the widget replaced by a recorder, offline and
// deterministic, and read what the page did with window.Intercom.
import fs from 'node:fs';
import type { Browser, Page, Response } from 'playwright-core';
import { messengerCsp, messengerProbes, probeInPage, type Probe } from '../csp.js';
import { regions } from '../registry.js';
import { type CheckResult, type DoctorOptions, endpointUrl, fail, pass, signedIn, skip } from './result.js';

const WIDGET_URL = 'https://widget.intercom.io/widget/';

// The flags for a headless Chromium without a desktop session or network chatter; the tests use them too.
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const INSTALL_HINT = 'To check the page: npm i -D playwright-core, and apt-get install chromium (or set CHROMIUM_PATH to a Chromium binary)';

/**
 * Served in place of the real widget: records every Intercom(...) call, replays the calls the
 * official loader queued in Intercom.q, and, like the widget, boots from window.intercomSettings.
 */
const RECORDER = `(function () {
  var w = window, queued = (w.Intercom && w.Intercom.q) || [], calls = [];
  var Intercom = function () { calls.push(Array.prototype.slice.call(arguments)); };
  w.Intercom = Intercom;
  w.__intercomDoctor = { calls: calls };
  if (w.intercomSettings && w.intercomSettings.app_id) Intercom('boot', w.intercomSettings);
  for (var i = 0; i < queued.length; i++) Intercom.apply(null, queued[i]);
})();`;

type BootSettings = Record<string, unknown>;

/** What the recorder, or the official loader's queue when no widget ran, leaves on window. */
type RecordedWindow = Window & { Intercom?: { q?: unknown[][] }; __intercomDoctor?: { calls: unknown[][] } };

interface PageState {
  intercomType: string;
  scripts: string[];
  /** Recorded calls once the widget stub ran; otherwise what the loader queued. */
  calls: unknown[][];
}

export async function checkPage(options: DoctorOptions): Promise<CheckResult[]> {
  if (!options.workspaceId) {
    return [
      skip(
        'page',
        'No --workspaceId: the page was not checked',
        'Pass --workspaceId <id> (Intercom > Settings > Installation) to check the Messenger on the page',
      ),
    ];
  }
  const browser = await launchChromium();
  if (typeof browser === 'string') return [skip('page', browser, INSTALL_HINT)];
  try {
    return await inspectPage(browser, options);
  } catch (error) {
    return [fail('page', `The page check stopped: ${(error as Error).message.split('\n')[0]}`, 'Open the page in a browser and look at the console')];
  } finally {
    await browser.close();
  }
}

/** A running Chromium, or why there is none. */
async function launchChromium(): Promise<Browser | string> {
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) return `No Chromium at ${executablePath}: the page was not checked`;
  let playwright: typeof import('playwright-core');
  try {
    // Optional: the rest of the doctor works without it.
    playwright = await import('playwright-core');
  } catch {
    return 'playwright-core is not installed: the page was not checked';
  }
  try {
    return await playwright.chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  } catch (error) {
    return `Chromium at ${executablePath} did not start (${(error as Error).message.split('\n')[0]}): the page was not checked`;
  }
}

/** --cookie "a=1; b=2" as browser cookies for the page's, the app's and the endpoint's origins. */
function browserCookies(cookie: string, urls: string[]) {
  const pairs = cookie
    .split(';')
    .map((pair) => pair.trim())
    .filter(Boolean);
  const origins = [...new Set(urls.map((url) => new URL(url).origin))];
  return origins.flatMap((origin) =>
    pairs.map((pair) => {
      const at = pair.indexOf('=');
      return { name: pair.slice(0, at), value: pair.slice(at + 1), url: `${origin}/` };
    }),
  );
}

async function inspectPage(browser: Browser, options: DoctorOptions): Promise<CheckResult[]> {
  const pageUrl = options.origin || options.url;
  const context = await browser.newContext({ extraHTTPHeaders: options.headers });
  if (options.cookie) await context.addCookies(browserCookies(options.cookie, [pageUrl, options.url, endpointUrl(options)]));
  const page = await context.newPage();
  await page.route(`${WIDGET_URL}*`, (route) => route.fulfill({ contentType: 'application/javascript', body: RECORDER }));

  // Every document and script body, to look for the secret in them.
  const bodies: Promise<{ url: string; text: string }>[] = [];
  page.on('response', (res) => {
    if (['document', 'script'].includes(res.request().resourceType())) {
      bodies.push(
        res.text().then(
          (text) => ({ url: res.url(), text }),
          () => ({ url: res.url(), text: '' }),
        ),
      );
    }
  });

  const response = await page.goto(pageUrl, { waitUntil: 'load', timeout: 20_000 }).catch((error: Error) => error);
  if (response instanceof Error || !response || response.status() >= 400) {
    const why = response instanceof Error ? response.message.split('\n')[0] : `HTTP ${response?.status()}`;
    return [fail('page.load', `${pageUrl} did not load: ${why}`, 'Start the frontend, or pass --origin with the address it is served from')];
  }
  // The widget and the token arrive after load; wait for the boot (with the token when signed in),
  // unless the page has no window.Intercom at all, then nothing will come.
  await page
    .waitForFunction(
      (withToken) => {
        const w = window as RecordedWindow;
        const calls = w.__intercomDoctor?.calls ?? [];
        return !w.Intercom || calls.some((call) => call[0] === 'boot' && (!withToken || (call[1] as BootSettings | undefined)?.intercom_user_jwt));
      },
      signedIn(options),
      { timeout: 10_000 },
    )
    .catch(() => undefined);
  const state: PageState = await page.evaluate(() => {
    const w = window as RecordedWindow;
    const calls = w.__intercomDoctor?.calls ?? w.Intercom?.q ?? [];
    return {
      intercomType: typeof w.Intercom,
      scripts: [...document.scripts].map((script) => script.src).filter(Boolean),
      // Plain data only: settings may hold callbacks.
      calls: JSON.parse(JSON.stringify(calls.map((args: ArrayLike<unknown>) => Array.from(args)))),
    };
  });
  const loaded = await Promise.all(bodies);

  const results = [pass('page.load', `${pageUrl} loaded (HTTP ${response.status()})`), checkScript(state, options)];
  if (state.intercomType !== 'function') {
    results.push(
      fail(
        'page.intercom',
        `window.Intercom is ${state.intercomType}: the Messenger snippet is not on the page`,
        'Add the Intercom loader snippet to every page (npx plop intercom-frontend)',
      ),
    );
  } else {
    const boot = state.calls
      .filter((call) => call[0] === 'boot')
      .map((call) => (call[1] ?? {}) as BootSettings)
      .pop();
    results.push(pass('page.intercom', "typeof window.Intercom is 'function'"), ...checkBoot(boot, options));
    results.push(checkUserHashOnPage(state.calls, options));
  }
  results.push(checkSecretOnPage(loaded, options), await checkCsp(page, response, options));
  return results;
}

/**
 * Answers the probes on the machine (204, or a socket closed at once; `onSocket` hears each one
 * opened): the browser applies the page's policy before a request, so nothing needs to leave.
 */
export async function keepProbesLocal(page: Page, probes: Probe[], onSocket: (url: string) => void = () => {}): Promise<void> {
  for (const probe of probes) {
    if (probe.kind === 'style') continue;
    if (probe.kind === 'websocket') await page.routeWebSocket(probe.url, (ws) => (onSocket(ws.url()), ws.close()));
    else await page.route(probe.url, (route) => route.fulfill({ status: 204 }));
  }
}

/** Makes the requests the widget makes, on the page, and names each directive of its policy that blocks one. */
async function checkCsp(page: Page, response: Response, options: DoctorOptions): Promise<CheckResult> {
  const id = 'page.csp';
  const header = await response.headerValue('content-security-policy');
  const metas = await page.locator('meta[http-equiv="Content-Security-Policy" i]').count();
  if (!header && !metas) return pass(id, 'The page sets no Content-Security-Policy: none blocks the Messenger');
  const where = [header && 'header', metas && 'meta tag'].filter(Boolean).join(' and ');
  const region = options.region ?? 'us';
  const probes = messengerProbes(region);
  await keepProbesLocal(page, probes);
  const blocked = await page.evaluate(probeInPage, probes);
  const directives = [...new Set(blocked.map((b) => b.directive))];
  const label = `${region.toUpperCase()}${options.region ? '' : ' (no --region)'}`;
  if (!directives.length) return pass(id, `The page's Content-Security-Policy (${where}) allows the requests the Messenger makes in the ${label} region`);
  const sources = new Map(messengerCsp(region));
  return fail(
    id,
    `The page's Content-Security-Policy (${where}) blocks the Messenger in the ${label} region: ${directives
      .map(
        (directive) =>
          `${directive} (${blocked
            .filter((b) => b.directive === directive)
            .map((b) => b.url)
            .join(', ')})`,
      )
      .join('; ')}`,
    directives.map((directive) => `add to ${directive}: ${(sources.get(directive) ?? []).join(' ')}`).join('; ') +
      ' (npx plop intercom-frontend -- --csp true prints every directive)',
  );
}

function checkScript(state: PageState, options: DoctorOptions): CheckResult {
  const expected = `${WIDGET_URL}${options.workspaceId}`;
  if (state.scripts.includes(expected)) return pass('page.script', `The page loads ${expected}`);
  const other = state.scripts.find((src) => src.startsWith(WIDGET_URL));
  return other
    ? fail('page.script', `The page loads ${other}, not ${expected}`, `Use the workspace id ${options.workspaceId} in the loader snippet`)
    : fail(
        'page.script',
        `No script with src ${expected} on the page`,
        'Add the official loader snippet, which inserts the widget script once the page has loaded',
      );
}

function checkBoot(boot: BootSettings | undefined, options: DoctorOptions): CheckResult[] {
  if (!boot) {
    return [
      fail(
        'page.boot',
        "Intercom('boot') was never called",
        `Call Intercom('boot', { app_id: '${options.workspaceId}', intercom_user_jwt: token }) once the token has arrived`,
      ),
    ];
  }
  const results = [
    boot.app_id === options.workspaceId
      ? pass('page.boot', `Intercom('boot') is called with app_id ${options.workspaceId}`)
      : fail(
          'page.boot',
          `Intercom('boot') is called with app_id ${JSON.stringify(boot.app_id)}, not ${options.workspaceId}`,
          `Boot with app_id: '${options.workspaceId}'`,
        ),
  ];
  if (!signedIn(options)) {
    results.push(skip('page.jwt', 'No --cookie or --header: the signed-in boot was not checked'));
  } else if (typeof boot.intercom_user_jwt === 'string' && boot.intercom_user_jwt) {
    results.push(pass('page.jwt', 'The signed-in boot carries intercom_user_jwt'));
  } else {
    results.push(
      fail(
        'page.jwt',
        'The signed-in boot has no intercom_user_jwt: the Messenger runs unverified',
        `Fetch the token from ${options.jwtEndpoint} (credentials: 'include') and boot with intercom_user_jwt: token`,
      ),
    );
  }
  results.push(checkRegion(boot.api_base, options));
  return results;
}

/** Under enforced JWT the Messenger rejects user_hash; before that it still marks a page left behind by the migration. */
function checkUserHashOnPage(calls: unknown[][], options: DoctorOptions): CheckResult {
  const id = 'page.user-hash';
  const withHash = calls.filter(
    (call) => (call[0] === 'boot' || call[0] === 'update') && typeof call[1] === 'object' && call[1] !== null && 'user_hash' in call[1],
  );
  if (!withHash.length) return pass(id, 'No Messenger call carries user_hash');
  return fail(
    id,
    `Intercom('${withHash[0][0]}') is called with user_hash, the deprecated HMAC method: under enforced JWT the Messenger rejects it`,
    `Boot with intercom_user_jwt from ${options.jwtEndpoint} only (npx plop intercom-frontend), and remove user_hash from the page`,
  );
}

function checkRegion(apiBase: unknown, options: DoctorOptions): CheckResult {
  const id = 'page.region';
  const actual = typeof apiBase === 'string' ? apiBase : undefined;
  if (!options.region) return skip(id, `No --region: api_base (${actual ?? 'not set'}) was not checked`, 'Pass --region us|eu|au');
  const expected = regions[options.region];
  if (actual === expected) return pass(id, `api_base is ${expected ?? 'not set'}, as the ${options.region.toUpperCase()} region needs`);
  return fail(
    id,
    `api_base is ${actual ?? 'not set'}, but the ${options.region.toUpperCase()} region needs ${expected ?? 'none'}: expect 403 region_mismatch`,
    expected ? `Boot with api_base: '${expected}'` : 'Remove api_base from the boot settings (US workspaces need none)',
  );
}

function checkSecretOnPage(loaded: { url: string; text: string }[], options: DoctorOptions): CheckResult {
  const id = 'page.secret';
  if (!options.secret)
    return skip(
      id,
      `${options.secretEnvVar} is not known here: the page was not searched for it`,
      `Run the doctor with ${options.secretEnvVar} set, or pass --dir`,
    );
  const leaks = loaded.filter((body) => body.text.includes(options.secret!)).map((body) => body.url);
  return leaks.length
    ? fail(
        id,
        `The secret ${options.secretEnvVar} is served to browsers in ${leaks.join(', ')}: anyone can sign a token for any user`,
        'Keep the secret on the server only, then rotate it on the Messenger Security page: it is public now',
      )
    : pass(id, `The secret is in none of the ${loaded.length} documents and scripts the page loaded`);
}
