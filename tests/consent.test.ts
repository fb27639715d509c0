// --consent true in Chromium, on the vanilla host behind the generated Express backend: before the
// grant, no token fetch, no widget request and no intercom-* cookie; after it, the usual boots;
// after revoking, shutdown, the cookies gone, and nothing more (no update on navigation).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { launchBrowser, openPage, sleep, waitForCalls } from './helpers/browser.js';
import { assertGrantBoots, assertNothingBeforeGrant, assertRevokeShutsDown, intercomCookies, openConsentPage } from './helpers/consent.js';
import { startBackend, WORKSPACE_ID } from './helpers/frontend-contract.js';
import { runPlop } from './helpers/plop.js';
import { tempDir } from './helpers/workspace.js';

type ConsentWindow = Window & { IntercomMessenger: { grantConsent(): void; revokeConsent(): void } };

test('--consent true (--load interaction): nothing before the grant, the Messenger after it, shutdown and no cookie after revoking; a revoke before the widget loaded keeps it off until the next grant', async () => {
  const dir = tempDir('consent', 'frontend/vanilla');
  const result = runPlop('intercom-frontend', dir, { framework: 'vanilla', workspaceId: WORKSPACE_ID, consent: 'true', load: 'interaction' });
  assert.is(result.code, 0, result.output);
  assert.match(result.stdout, 'Consent: nothing loads until your consent banner calls IntercomMessenger.grantConsent() (on every page load)');
  const app = await startBackend(dir);
  const browser = await launchBrowser();
  try {
    const page = await openConsentPage(browser);
    await page.page.goto(app.url + '/');
    await page.page.waitForSelector('#page');
    await page.page.click('#login-alice');
    await page.page.click('#nav-about');
    await sleep(1500);
    await assertNothingBeforeGrant(page);

    const grant = () => page.page.evaluate(() => (window as unknown as ConsentWindow).IntercomMessenger.grantConsent());
    const revoke = () => page.page.evaluate(() => (window as unknown as ConsentWindow).IntercomMessenger.revokeConsent());
    await grant();
    // Granted, the boot waits in the queue for the visitor's first interaction; consent is withdrawn before it.
    await page.page.waitForFunction(() => ((window as Window & { Intercom?: { q?: unknown[][] } }).Intercom?.q ?? []).some(([method]) => method === 'boot'));
    await revoke();
    await page.page.keyboard.press('Shift');
    await sleep(1000);
    assert.equal([page.widgetRequests, await intercomCookies(page)], [[], []], 'an interaction after revoking loads nothing');

    // The interaction while revoked loads the widget at the next grant, which fetches a second token.
    await assertGrantBoots(page, grant, 2);

    await assertRevokeShutsDown(page, revoke, async () => {
      await page.page.click('#nav-home');
      await page.page.click('#login-bob');
    });
  } finally {
    await browser.close();
    await app.stop();
  }
});

test('--consent true with --launcher facade: no button before the grant; revoking hides it, so no click can wait for a later grant; granted again, a click opens the Messenger', async () => {
  const dir = tempDir('consent-facade', 'frontend/vanilla');
  const flags = { framework: 'vanilla', workspaceId: WORKSPACE_ID, consent: 'true', load: 'interaction', launcher: 'facade', launcherColor: '#123456' };
  const result = runPlop('intercom-frontend', dir, flags);
  assert.is(result.code, 0, result.output);
  const app = await startBackend(dir);
  const browser = await launchBrowser();
  try {
    const page = await openPage(browser);
    const consent = (call: 'grantConsent' | 'revokeConsent') =>
      page.page.evaluate((name: 'grantConsent' | 'revokeConsent') => (window as unknown as ConsentWindow).IntercomMessenger[name](), call);
    const facade = page.page.getByRole('button', { name: 'Open the chat' });
    await page.page.goto(app.url + '/');
    await page.page.click('#login-alice');
    await sleep(500);
    assert.is(await facade.count(), 0, 'no button before the grant');

    await consent('grantConsent');
    await facade.waitFor({ state: 'visible' });
    await consent('revokeConsent');
    await facade.waitFor({ state: 'hidden' });
    assert.equal(page.widgetRequests, [], 'the button was never used: no widget request');

    await consent('grantConsent');
    await facade.click();
    const calls = await waitForCalls(page, (c) => c.some((x) => x.method === 'show'), 'show after the click');
    // The widget replays the queue: the revoke's shutdown (and a boot before it, if the first token came back in time), then this grant's.
    const granted = calls.slice(calls.map((call) => call.method).lastIndexOf('shutdown') + 1);
    assert.equal(
      granted.map((call) => call.method),
      ['boot', 'show'],
    );
    assert.ok(granted[0].args[0].intercom_user_jwt, 'the boot carries the token');
    assert.equal(page.errors, []);
  } finally {
    await browser.close();
    await app.stop();
  }
});

test.run();
