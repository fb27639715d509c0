// --launcher facade in Chromium, on the vanilla host behind the generated Express backend (with
// --load interaction, as a page that wants the widget off its critical path uses it): the facade
// stands where the launcher will be, keyboard focus or hover loads the widget, a click opens the
// Messenger after the boot, and the widget's own launcher replaces it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { launchBrowser, openPage, sleep, waitForCalls, WIDGET_STUB } from './helpers/browser.js';
import { startBackend, WORKSPACE_ID } from './helpers/frontend-contract.js';
import { runPlop } from './helpers/plop.js';
import { tempDir } from './helpers/workspace.js';

// The stand-in widget renders a launcher, as the real one does once it has booted.
const WIDGET_WITH_LAUNCHER = `${WIDGET_STUB}
setTimeout(function () {
  var launcher = document.createElement('div');
  launcher.className = 'intercom-lightweight-app-launcher';
  document.body.append(launcher);
}, 500);`;

test('--launcher facade: focus loads the widget, a click opens the Messenger after the boot, the real launcher takes over', async () => {
  const dir = tempDir('facade', 'frontend/vanilla');
  const flags = { framework: 'vanilla', workspaceId: WORKSPACE_ID, load: 'interaction', launcher: 'facade', launcherColor: '#123456' };
  const result = runPlop('intercom-frontend', dir, flags);
  assert.is(result.code, 0, result.output);
  const app = await startBackend(dir);
  const browser = await launchBrowser();
  try {
    const page = await openPage(browser, { widgetBody: WIDGET_WITH_LAUNCHER });
    await page.page.goto(app.url + '/');
    const facade = page.page.getByRole('button', { name: 'Open the chat' });
    await facade.waitFor();
    const box = await facade.boundingBox();
    const viewport = page.page.viewportSize()!;
    assert.equal(
      [box!.width, box!.height, viewport.width - box!.x - box!.width, viewport.height - box!.y - box!.height],
      [48, 48, 20, 20],
      "the launcher's size and corner",
    );
    assert.is(await facade.evaluate((el) => getComputedStyle(el).backgroundColor), 'rgb(18, 52, 86)');
    await sleep(1000);
    assert.equal(page.widgetRequests, [], 'no widget before the facade is used');

    await facade.focus();
    await waitForCalls(page, (c) => c.some((x) => x.method === 'boot'), 'the boot after focus');
    assert.is(page.widgetRequests.length, 1, 'keyboard focus loads the widget');
    await page.page.waitForSelector('.intercom-lightweight-app-launcher', { state: 'attached' });
    await facade.waitFor({ state: 'detached' });

    // A visitor who clicks at once: the facade's click opens the Messenger, after the boot.
    const fresh = await openPage(browser);
    await fresh.page.goto(app.url + '/');
    await fresh.page.getByRole('button', { name: 'Open the chat' }).click();
    const calls = await waitForCalls(fresh, (c) => c.some((x) => x.method === 'show'), 'show after the click');
    assert.equal(
      calls.map((c) => c.method),
      ['boot', 'show'],
    );
    assert.is(fresh.widgetRequests.length, 1);
    assert.equal([...page.errors, ...fresh.errors], []);
  } finally {
    await browser.close();
    await app.stop();
  }
});

test.run();
