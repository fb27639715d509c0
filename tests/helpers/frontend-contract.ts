// What every generated frontend must do in a real browser, against a real generated
// backend (Express, ttl 60 s). A host app (tests/fixtures/frontend/<framework>) renders:
//   #nav-home / #nav-about   router links between two routes; #page shows the route name
//   #login-alice / #login-bob  GET /test/login/<name>, then the adapter's login()
//   #logout                  the adapter's logout(), then GET /test/logout
// and the host's build(region) generates the Intercom code into it and builds it for real.
import path from 'node:path';
import jwt from 'jsonwebtoken';
import type { Browser } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { SECRET, USERS } from './backend-contract.js';
import { launchBrowser, openPage, sleep, waitForCalls, WIDGET_STUB, type MessengerCall, type MessengerSettings, type OpenedPage } from './browser.js';
import { loadUnderNonce } from './csp-page.js';
import { runPlop } from './plop.js';
import { freePort, startServer, type RunningServer } from './server.js';
import { tempDir } from './workspace.js';

export const WORKSPACE_ID = 'ws4test7';
export const TOKEN_TTL = 60;
/** Where the core's timer checks run, per language. Angular runs its own: zone.js patches the timers. */
export const CORE_CHECKS = { ts: 'tests/frontend/react.test.ts (TypeScript)', js: 'tests/frontend/vanilla.test.ts' } as const;
/**
 * Regional builds cost minutes and the region is independent of --load, so the eu build also
 * loads the widget on idle and the au build on the first interaction; us stays eager.
 */
export const LOAD_BY_REGION = { us: 'eager', eu: 'idle', au: 'interaction' } as const;
/** The au build's facade colour (--launcher facade goes with --load interaction, as pages use it). */
export const FACADE_COLOR = { flag: '#123456', css: 'rgb(18, 52, 86)' } as const;
/** The flags of a host's build for a region: the region and its load mode (and au's facade). */
export const regionFlags = (region: Region) => ({
  region,
  load: LOAD_BY_REGION[region],
  ...(region === 'au' && { launcher: 'facade', launcherColor: FACADE_COLOR.flag }),
});
export const API_BASES = { us: undefined, eu: 'https://api-iam.eu.intercom.io', au: 'https://api-iam.au.intercom.io' } as const;
export type Region = keyof typeof API_BASES;

export interface FrontendHost {
  framework: string;
  /** Generates into a fresh copy of the host app with these flags, builds it, and returns the folder to serve. */
  build(region: Region): Promise<string>;
  /** Serves what build() returned, with a backend that signs tokens; by default the generated Express backend serving it as static files. */
  serve?(built: string): Promise<RunningServer>;
  /** Regions to build besides 'us' (default: eu and au). */
  regions?: Region[];
  /** A URL that the host serves its page at without a route of its own (vanilla: a History-API deep link). */
  deepLink?: string;
  /** The host has #nav-query, a link from / to /?tab=2 (a query-only navigation). */
  queryLink?: boolean;
  /**
   * The suite that runs the client core's timer checks (refresh, backoff, expiry, clock skew, a
   * token in flight at logout) for the very core this host gets: every target renders the one core
   * template, and the same language and flags give the same file (tests/intercom-frontend.test.ts
   * checks that). Those checks exercise only the core, so this suite runs every check that goes
   * through the host's adapter and wiring, and names where the others run.
   */
  coreChecksIn?: string;
  /**
   * This region's build is generated with --csp true and its page served under a nonce-based
   * script-src that lists no Intercom host. `page` puts the nonce into the served HTML the
   * framework's way (the test then sends the policy); without it the framework sends its own.
   */
  nonce?: { region: Region; page?: (html: string, nonce: string) => string };
}

/** The stand-in widget also renders a launcher, as the real one does once it has booted. */
export const WIDGET_WITH_LAUNCHER = `${WIDGET_STUB}
setTimeout(function () {
  var launcher = document.createElement('div');
  launcher.className = 'intercom-lightweight-app-launcher';
  document.body.append(launcher);
}, 500);`;

/** The generated Express backend that signs tokens, serving a built frontend from staticDir. */
export async function startBackend(staticDir: string): Promise<RunningServer> {
  const dir = tempDir('jwt-backend', 'backend/express');
  const result = runPlop('intercom-backend', dir, { framework: 'express', ttl: TOKEN_TTL });
  assert.is(result.code, 0, result.output);
  const port = await freePort();
  return startServer(process.execPath, ['app.js'], {
    cwd: dir,
    port,
    env: { PORT: String(port), STATIC_DIR: staticDir, INTERCOM_IDENTITY_SECRET: SECRET },
  });
}

const claimsOf = (boot: MessengerSettings) => jwt.verify(boot.intercom_user_jwt ?? '', SECRET, { algorithms: ['HS256'] }) as jwt.JwtPayload;
const userBoots = (calls: MessengerCall[]) => calls.filter((c) => c.method === 'boot' && c.args[0]?.intercom_user_jwt);
const updates = (calls: MessengerCall[]) => calls.filter((c) => c.method === 'update');
const summary = (calls: MessengerCall[]) =>
  calls.map((c) => (c.method === 'boot' ? `boot(${c.args[0]?.intercom_user_jwt ? claimsOf(c.args[0]).user_id : 'anonymous'})` : c.method));

export function frontendContractSuite(host: FrontendHost) {
  const test = suite(
    `intercom-frontend --framework ${host.framework} (Chromium${host.coreChecksIn ? `; the core's timer checks run in ${host.coreChecksIn}` : ''})`,
  );
  const coreTest = (name: string, check: () => Promise<void>) => !host.coreChecksIn && test(name, check);
  const servers: RunningServer[] = [];
  const state = {} as { browser: Browser; app: RunningServer; regional: Partial<Record<Region, RunningServer>> };
  const opened: OpenedPage[] = [];
  const regions: Region[] = host.regions ?? ['eu', 'au'];

  const visit = async (app: RunningServer, options: { clock?: boolean; widgetBody?: string } = {}) => {
    const page = await openPage(state.browser, { widgetBody: options.widgetBody });
    opened.push(page);
    if (options.clock) await page.page.clock.install();
    await page.page.goto(app.url + '/');
    await page.page.waitForSelector('#page');
    return page;
  };
  const click = (page: OpenedPage, selector: string) => page.page.click(selector);
  const settle = () => sleep(700); // longer than the 300 ms route-update debounce

  // uvu reports a failed before hook only as 0 passed: print why, or the cause is lost.
  test.before(async () => {
    try {
      state.browser = await launchBrowser();
      const serve = host.serve ?? startBackend;
      state.app = await serve(await host.build('us'));
      servers.push(state.app);
      state.regional = {};
      for (const region of regions) {
        state.regional[region] = await serve(await host.build(region));
        servers.push(state.regional[region]!);
      }
    } catch (error) {
      console.error(`${host.framework}: the hosts could not be built or started:`, error);
      throw error;
    }
  });

  test.after(async () => {
    await state.browser?.close();
    await Promise.all(servers.map((s) => s.stop()));
  });

  test('an anonymous visit loads the widget for the workspace and boots with app_id only', async () => {
    const page = await visit(state.app);
    const calls = await waitForCalls(page, (c) => c.some((x) => x.method === 'boot'), 'the anonymous boot');
    await settle();
    assert.equal(
      (await page.calls()).filter((c) => c.method === 'boot').map((c) => c.args[0]),
      [{ app_id: WORKSPACE_ID }],
    );
    assert.is(await page.page.evaluate(() => typeof (window as Window & { Intercom?: unknown }).Intercom), 'function');
    const srcs = await page.page.$$eval('script[src]', (scripts) => scripts.map((s) => (s as HTMLScriptElement).src));
    assert.ok(srcs.includes(`https://widget.intercom.io/widget/${WORKSPACE_ID}`), `script srcs: ${srcs.join(', ')}`);
    assert.is(page.widgetRequests.length, 1, 'the widget script is injected once');
    assert.equal(updates(calls), [], 'no update on the first page: the boot covers it');
    assert.equal(page.errors, []);
  });

  test('after login it boots with a token that verifies and belongs to that user', async () => {
    const page = await visit(state.app);
    await waitForCalls(page, (c) => c.some((x) => x.method === 'boot'), 'the anonymous boot');
    await click(page, '#login-alice');
    const calls = await waitForCalls(page, (c) => userBoots(c).length > 0, 'a boot with a token');
    const boot = userBoots(calls)[0].args[0];
    assert.is(boot.app_id, WORKSPACE_ID);
    const claims = claimsOf(boot);
    assert.is(claims.user_id, USERS.alice.id);
    assert.is(claims.email, USERS.alice.email);
    assert.is(boot.api_base, undefined, 'US: no api_base');
    assert.equal(page.errors, []);
  });

  test('a returning signed-in user boots with the token straight away', async () => {
    const page = await visit(state.app);
    await click(page, '#login-bob');
    await waitForCalls(page, (c) => userBoots(c).length > 0, 'a boot with a token');
    await page.page.reload();
    await page.page.waitForSelector('#page');
    const calls = await waitForCalls(page, (c) => c.some((x) => x.method === 'boot'), 'the boot after reload');
    await settle();
    const boots = (await page.calls()).filter((c) => c.method === 'boot');
    assert.is(boots.length, 1, `one boot after reload: ${summary(calls)}`);
    assert.is(claimsOf(boots[0].args[0]).user_id, USERS.bob.id);
  });

  test('exactly one update per route change, none on the first page', async () => {
    const page = await visit(state.app);
    await waitForCalls(page, (c) => c.some((x) => x.method === 'boot'), 'the boot');
    await settle();
    assert.is(updates(await page.calls()).length, 0);
    await click(page, '#nav-about');
    await page.page.waitForSelector('#page:has-text("about")');
    await settle();
    assert.is(updates(await page.calls()).length, 1, `after /about: ${summary(await page.calls())}`);
    await click(page, '#nav-home');
    await page.page.waitForSelector('#page:has-text("home")');
    await settle();
    assert.is(updates(await page.calls()).length, 2, `after /: ${summary(await page.calls())}`);
    await page.page.goBack();
    await page.page.waitForSelector('#page:has-text("about")');
    await settle();
    assert.is(updates(await page.calls()).length, 3, `after back: ${summary(await page.calls())}`);
    assert.equal(page.errors, []);
  });

  test('logout shuts down before the next boot, which is anonymous', async () => {
    const page = await visit(state.app);
    await click(page, '#login-alice');
    await waitForCalls(page, (c) => userBoots(c).length > 0, 'the user boot');
    await click(page, '#logout');
    const calls = await waitForCalls(page, (c) => c.some((x) => x.method === 'shutdown') && c.at(-1)!.method === 'boot', 'shutdown then boot');
    const shutdown = calls.findIndex((c) => c.method === 'shutdown');
    const after = calls.slice(shutdown + 1).filter((c) => c.method === 'boot');
    assert.ok(after.length >= 1, summary(calls).join(' '));
    assert.equal(after[0].args[0], { app_id: WORKSPACE_ID });
    await settle();
    assert.equal(userBoots((await page.calls()).slice(shutdown)), [], 'no user boot after logout');
  });

  coreTest('a token still in flight at logout never boots', async () => {
    const page = await visit(state.app);
    await waitForCalls(page, (c) => c.some((x) => x.method === 'boot'), 'the anonymous boot');
    await page.page.context().addCookies([{ name: 'delay_ms', value: '1500', url: state.app.url }]);
    await click(page, '#login-alice');
    await sleep(200);
    await click(page, '#logout');
    await sleep(2500);
    const calls = await page.calls();
    assert.equal(userBoots(calls), [], `a late token booted: ${summary(calls)}`);
    assert.equal(calls.at(-1)!.args[0], { app_id: WORKSPACE_ID });
    assert.equal(page.errors, []);
  });

  test("user A logs out and user B logs in on the same page: only B's token boots after", async () => {
    const page = await visit(state.app);
    await click(page, '#login-alice');
    await waitForCalls(page, (c) => userBoots(c).length === 1, "A's boot");
    await click(page, '#logout');
    await waitForCalls(page, (c) => c.some((x) => x.method === 'shutdown'), 'the shutdown');
    await click(page, '#login-bob');
    const calls = await waitForCalls(page, (c) => userBoots(c).length === 2, "B's boot");
    const shutdown = calls.findIndex((c) => c.method === 'shutdown');
    const later = userBoots(calls.slice(shutdown));
    assert.equal(
      later.map((c) => claimsOf(c.args[0]).user_id),
      [USERS.bob.id],
      summary(calls).join(' '),
    );
  });

  coreTest('a token near expiry is fetched again and booted before exp', async () => {
    const page = await visit(state.app, { clock: true });
    await click(page, '#login-alice');
    const first = userBoots(await waitForCalls(page, (c) => userBoots(c).length === 1, 'the first user boot'))[0];
    const { exp, iat } = claimsOf(first.args[0]);
    assert.is(exp! - iat!, TOKEN_TTL);
    await page.page.clock.fastForward((TOKEN_TTL / 2 + 2) * 1000);
    const calls = await waitForCalls(page, (c) => userBoots(c).length === 2, 'the refreshed boot');
    const second = userBoots(calls)[1];
    assert.ok(second.at - first.at >= (TOKEN_TTL / 2 - 1) * 1000, 'not refreshed too early');
    assert.ok(second.at - first.at < TOKEN_TTL * 1000, 'refreshed before exp');
    assert.is(claimsOf(second.args[0]).user_id, USERS.alice.id);
    assert.not.ok(
      calls.some((c) => c.method === 'shutdown'),
      'a refresh must not reset the Messenger',
    );
  });

  // Advances the page clock in steps, letting real fetches answer in between.
  const advance = async (page: OpenedPage, seconds: number) => {
    for (let i = 0; i < seconds; i++) {
      await page.page.clock.runFor(1000);
      await sleep(40);
    }
  };
  const afterFirstUserBoot = (calls: MessengerCall[]) => calls.slice(calls.indexOf(userBoots(calls)[0]) + 1);

  test('an identified navigation sends update with the current JWT; an anonymous one sends none', async () => {
    const page = await visit(state.app);
    await waitForCalls(page, (c) => c.some((x) => x.method === 'boot'), 'the anonymous boot');
    await settle();
    await click(page, '#nav-about');
    await page.page.waitForSelector('#page:has-text("about")');
    let calls = await waitForCalls(page, (c) => updates(c).length === 1, 'the anonymous update');
    assert.is(updates(calls)[0].args[0].intercom_user_jwt, undefined, 'an anonymous update carries no token');
    await click(page, '#login-alice');
    calls = await waitForCalls(page, (c) => userBoots(c).length === 1, 'the user boot');
    const token = userBoots(calls)[0].args[0].intercom_user_jwt;
    await settle();
    await click(page, '#nav-home');
    await page.page.waitForSelector('#page:has-text("home")');
    calls = await waitForCalls(page, (c) => updates(c).length === 2, 'the identified update');
    assert.is(updates(calls)[1].args[0].intercom_user_jwt, token, summary(calls).join(' '));
    assert.equal(page.errors, []);
  });

  test('login() as B while A is booted: [shutdown, boot(B)]', async () => {
    const page = await visit(state.app);
    await click(page, '#login-alice');
    await waitForCalls(page, (c) => userBoots(c).length === 1, "A's boot");
    await click(page, '#login-bob');
    const calls = await waitForCalls(page, (c) => userBoots(c).length === 2, "B's boot");
    assert.equal(summary(afterFirstUserBoot(calls)), ['shutdown', `boot(${USERS.bob.id})`]);
  });

  coreTest('the server session ends: the refresh answered 401 gives [shutdown, boot(anonymous)]', async () => {
    const page = await visit(state.app, { clock: true });
    await click(page, '#login-alice');
    await waitForCalls(page, (c) => userBoots(c).length === 1, 'the user boot');
    await page.page.evaluate(() => fetch('/test/logout'));
    await advance(page, TOKEN_TTL / 2 + 2);
    const calls = await waitForCalls(page, (c) => c.some((x) => x.method === 'shutdown') && c.at(-1)!.method === 'boot', 'shutdown, then boot');
    assert.equal(summary(afterFirstUserBoot(calls)), ['shutdown', 'boot(anonymous)']);
  });

  coreTest('a refresh answered 503 twice, then 200: no anonymous boot in between, then a boot with the new token', async () => {
    const page = await visit(state.app, { clock: true });
    await click(page, '#login-alice');
    await waitForCalls(page, (c) => userBoots(c).length === 1, 'the user boot');
    let answered = 0;
    let fresh: Promise<string> | undefined;
    await page.page.route('**/api/intercom-jwt', async (route) => {
      if (++answered <= 2) return route.fulfill({ status: 503, body: 'down' });
      const response = await route.fetch();
      fresh = response.json().then((body) => body.token);
      return route.fulfill({ response });
    });
    await advance(page, TOKEN_TTL / 2 + 10);
    const calls = await waitForCalls(page, (c) => userBoots(c).length === 2, 'the boot after two 503s');
    assert.is(answered, 3, 'two failed fetches and one that answered');
    assert.equal(summary(afterFirstUserBoot(calls)), [`boot(${USERS.alice.id})`]);
    assert.is(userBoots(calls)[1].args[0].intercom_user_jwt, await fresh, 'the boot carries the token the third fetch answered');
  });

  coreTest('a navigation past exp (timers held back, as in a sleeping tab) sends no expired token: it fetches a fresh one and boots with it', async () => {
    const page = await visit(state.app, { clock: true });
    await click(page, '#login-alice');
    const expired = userBoots(await waitForCalls(page, (c) => userBoots(c).length === 1, 'the user boot'))[0].args[0].intercom_user_jwt;
    // A second later by the server's clock, so the fresh token differs from the expired one.
    await sleep(1100);
    // The page's clock jumps past exp without running the refresh timer.
    await page.page.clock.setSystemTime((await page.page.evaluate(() => Date.now())) + (TOKEN_TTL + 5) * 1000);
    await click(page, '#nav-about');
    await page.page.waitForSelector('#page:has-text("about")');
    await page.page.clock.runFor(400);
    const calls = await waitForCalls(page, (c) => userBoots(c).length === 2, 'the boot with a fresh token');
    assert.not.ok(
      calls.some((c) => c.args[0]?.intercom_user_jwt === expired && c !== userBoots(calls)[0]),
      summary(calls).join(' '),
    );
    assert.equal(summary(afterFirstUserBoot(calls)), [`boot(${USERS.alice.id})`], 'no update with the expired token, no shutdown for the same user');
    assert.is.not(userBoots(calls)[1].args[0].intercom_user_jwt, expired);
  });

  coreTest('no refresh ever succeeds: shutdown and an anonymous boot at exp, not before', async () => {
    const page = await visit(state.app, { clock: true });
    await click(page, '#login-alice');
    const first = userBoots(await waitForCalls(page, (c) => userBoots(c).length === 1, 'the user boot'))[0];
    let fetches = 0;
    await page.page.route('**/api/intercom-jwt', (route) => (fetches++, route.abort('failed')));
    await advance(page, TOKEN_TTL + 3);
    const calls = await waitForCalls(page, (c) => c.some((x) => x.method === 'shutdown'), 'the shutdown at exp');
    const after = afterFirstUserBoot(calls);
    assert.equal(summary(after), ['shutdown', 'boot(anonymous)']);
    const at = after[0].at - first.at;
    assert.ok(at >= (TOKEN_TTL - 1) * 1000 && at <= (TOKEN_TTL + 2) * 1000, `shutdown ${at} ms after the boot`);
    assert.ok(fetches >= 2 && fetches <= 10, `${fetches} retries: bounded backoff`);
  });

  coreTest('a token without iat, page clock skewed by ±90 s: at most one fetch per 30 s, one warning', async () => {
    for (const skew of [90, -90]) {
      const page = await openPage(state.browser);
      opened.push(page);
      await page.page.clock.install({ time: Date.now() + skew * 1000 });
      const warnings: string[] = [];
      page.page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
      let fetches = 0;
      await page.page.route('**/api/intercom-jwt', (route) => {
        fetches++;
        const token = jwt.sign({ user_id: USERS.alice.id, exp: Math.floor(Date.now() / 1000) + TOKEN_TTL }, SECRET, { algorithm: 'HS256', noTimestamp: true });
        return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ token }) });
      });
      await page.page.goto(state.app.url + '/');
      await waitForCalls(page, (c) => userBoots(c).length === 1, 'the user boot');
      await advance(page, 61);
      assert.ok(fetches <= 3, `skew ${skew} s: ${fetches} fetches in 61 s`);
      assert.is(warnings.filter((w) => w.includes('iat')).length, 1, warnings.join(' | '));
    }
  });

  if (host.deepLink) {
    test(`a deep link (${host.deepLink}) loads the integration`, async () => {
      const page = await openPage(state.browser);
      opened.push(page);
      await page.page.goto(state.app.url + host.deepLink);
      await waitForCalls(page, (c) => c.some((x) => x.method === 'boot'), 'the boot on a deep link');
      assert.is(page.widgetRequests.length, 1);
      assert.equal(page.errors, []);
    });
  }

  if (host.queryLink) {
    test('a query-only navigation (?tab=2) sends one update', async () => {
      const page = await visit(state.app);
      await waitForCalls(page, (c) => c.some((x) => x.method === 'boot'), 'the boot');
      await settle();
      await click(page, '#nav-query');
      await page.page.waitForURL('**/?tab=2');
      await settle();
      assert.is(updates(await page.calls()).length, 1, summary(await page.calls()).join(' '));
    });
  }

  test('an anonymous page reaches networkidle (every response is consumed)', async () => {
    const page = await openPage(state.browser);
    opened.push(page);
    await page.page.goto(state.app.url + '/', { waitUntil: 'networkidle', timeout: 10_000 });
    await waitForCalls(page, (c) => c.some((x) => x.method === 'boot'), 'the anonymous boot');
  });

  if (regions.length)
    test(`${regions.join(' and ')} workspaces boot with their api_base`, async () => {
      for (const [region, app] of Object.entries(state.regional)) {
        const page = await visit(app!);
        await click(page, '#login-alice');
        const calls = await waitForCalls(page, (c) => userBoots(c).length > 0, `the ${region} user boot`);
        for (const boot of calls.filter((c) => c.method === 'boot')) {
          assert.is(boot.args[0].api_base, API_BASES[region as Region], `${region}: ${JSON.stringify(boot.args[0])}`);
        }
        assert.equal(page.errors, []);
      }
    });

  // The boot a page has queued for the widget, before the widget script has run.
  const queuedUserBoot = (page: OpenedPage) =>
    page.page.waitForFunction(() =>
      ((window as Window & { Intercom?: { q?: unknown[][] } }).Intercom?.q ?? []).some(
        ([method, settings]) => method === 'boot' && Boolean((settings as MessengerSettings | undefined)?.intercom_user_jwt),
      ),
    );
  const signedIn = async (app: RunningServer) => {
    const page = await visit(app);
    await click(page, '#login-bob');
    await waitForCalls(page, (c) => userBoots(c).length > 0, 'the user boot');
    return page;
  };
  const assertBootsBob = (calls: MessengerCall[]) => assert.equal(summary(calls).slice(0, 1), [`boot(${USERS.bob.id})`], summary(calls).join(', '));

  if (regions.includes('eu')) {
    test('--load idle: no widget request while the page loads; then one, and the queued boot carries the token', async () => {
      const page = await signedIn(state.regional.eu!);
      // An image answered only when released holds the next page view's load event.
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.page.route('**/__hold-load.gif', async (route) => (await held, route.fulfill({ status: 204 })));
      await page.page.addInitScript(() =>
        document.addEventListener('DOMContentLoaded', () =>
          document.body.append(Object.assign(document.createElement('img'), { src: '/__hold-load.gif', alt: '' })),
        ),
      );
      const before = page.widgetRequests.length;
      await page.page.reload({ waitUntil: 'domcontentloaded' });
      await queuedUserBoot(page);
      await sleep(1000);
      assert.is(page.widgetRequests.length, before, 'the widget was requested before the load event');
      release();
      assertBootsBob(await waitForCalls(page, (c) => c.some((x) => x.method === 'boot'), 'the boot once idle'));
      assert.is(page.widgetRequests.length, before + 1);
      assert.equal(page.errors, []);
    });
  }

  if (regions.includes('au')) {
    test("--load interaction, --launcher facade: the facade holds the launcher's place and loads nothing until focused; a click opens the Messenger after the boot with the token; a key press loads too", async () => {
      const page = await visit(state.regional.au!, { widgetBody: WIDGET_WITH_LAUNCHER });
      const facade = page.page.getByRole('button', { name: 'Open the chat' });
      await facade.waitFor();
      // Measured against the layout viewport, so a host page's scrollbar does not count.
      const placed = await facade.evaluate((button) => {
        const box = button.getBoundingClientRect();
        const { clientWidth, clientHeight } = document.documentElement;
        return [box.width, box.height, clientWidth - box.right, clientHeight - box.bottom, getComputedStyle(button).backgroundColor];
      });
      assert.equal(placed, [48, 48, 20, 20, FACADE_COLOR.css], "the Messenger launcher's size, corner and the --launcherColor");
      await sleep(1000);
      assert.is(page.widgetRequests.length, 0, 'an anonymous visitor who does nothing loads no widget');
      await facade.focus();
      await waitForCalls(page, (c) => c.some((x) => x.method === 'boot'), 'the boot after keyboard focus on the facade');
      assert.is(page.widgetRequests.length, 1, 'keyboard focus loads the widget');
      await facade.waitFor({ state: 'detached' });
      await click(page, '#login-bob');
      await waitForCalls(page, (c) => userBoots(c).length > 0, 'the user boot');
      assert.is(page.widgetRequests.length, 1);

      // A signed-in visitor who clicks the facade first: the click loads the widget and opens it after the boot.
      await page.page.reload();
      await page.page.waitForSelector('#page');
      await queuedUserBoot(page);
      await sleep(1000);
      assert.is(page.widgetRequests.length, 1, 'the widget was requested without an interaction');
      await facade.click();
      const calls = await waitForCalls(page, (c) => c.some((x) => x.method === 'show'), 'show after the click');
      assert.equal(summary(calls), [`boot(${USERS.bob.id})`, 'show']);
      assert.is(page.widgetRequests.length, 2);
      await facade.waitFor({ state: 'detached' });

      await page.page.reload();
      await page.page.waitForSelector('#page');
      await queuedUserBoot(page);
      await page.page.keyboard.press('Shift');
      assertBootsBob(await waitForCalls(page, (c) => c.some((x) => x.method === 'boot'), 'the boot after a key press'));
      assert.is(page.widgetRequests.length, 3);
      assert.equal(page.errors, []);
    });
  }

  if (host.nonce) {
    const { region, page: withNonce } = host.nonce;
    test(`--csp true (${region}): under a nonce-based script-src the widget script carries the framework's nonce and runs, with no CSP violation`, async () => {
      const app = state.regional[region]!;
      const page = await openPage(state.browser);
      opened.push(page);
      if (withNonce) {
        const nonce = 'bm9uY2UtZm9yLXRlc3Rz';
        await page.page.route(app.url + '/', async (route) => {
          const response = await route.fetch();
          await route.fulfill({
            response,
            headers: { ...response.headers(), 'content-security-policy': `script-src 'self' 'nonce-${nonce}'` },
            body: withNonce(await response.text(), nonce),
          });
        });
      }
      const loaded = await loadUnderNonce(page, app.url + '/', async (loadedPage) => {
        await loadedPage.waitForSelector('#page');
        // The trigger of --load interaction; the other load modes load by themselves.
        await loadedPage.keyboard.press('Shift');
      });
      assert.ok(loaded.nonce, `a nonce-based policy: ${loaded.policy}`);
      assert.not.match(loaded.policy, 'intercom', 'no Intercom host listed: only the nonce lets the widget script run');
      assert.is(loaded.widgetNonce, loaded.nonce);
      assert.equal(loaded.violations, []);
      assert.equal(page.errors, []);
    });
  }

  return test;
}

/**
 * Generates the frontend into an app folder (for hosts' build functions). The host apps start
 * unwired, as users' apps are, so the browser contract passes only if the generator's wiring works.
 */
export function generateFrontend(dir: string, framework: string, region: Region, extra: Record<string, string> = {}) {
  const result = runPlop('intercom-frontend', dir, { framework, workspaceId: WORKSPACE_ID, ...regionFlags(region), ...extra });
  assert.is(result.code, 0, result.output);
  assert.not.match(result.stdout, /^Wired in: \S+ already /m, "the host app must start unwired, so the wiring under test is the generator's");
  return result;
}

export const relative = (from: string, to: string) => path.relative(from, to);
