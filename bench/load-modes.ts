// 7. Load modes: what the widget costs a page before the visitor does anything, per --load mode,
// beside the install guide's pattern. The widget is a stand-in with the real one's weight: about
// 344 KB of JavaScript that keeps the main thread busy for about 300 ms when it runs (public
// measurements of the Messenger: 344 KB of JS, one long task). A signed-in visitor opens the
// vanilla host page and does nothing for 10 s; then clicks where the launcher is.
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, WIDGET_STUB } from '../tests/helpers/browser.js';
import { startBackend } from '../tests/helpers/frontend-contract.js';
import type { RunningServer } from '../tests/helpers/server.js';
import { log, median, round } from './lib/stats.js';
import { generatedPage, guidePage } from './page.js';

export const WIDGET_BYTES = 344 * 1024;
export const WIDGET_WORK_MS = 300;
/** The widget script's latency: one request-time, as in section 2. */
const WIDGET_DELAY_MS = 200;
const QUIET_MS = 10_000;
const RUNS = Number(process.env.BENCH_LOAD_RUNS ?? 3);

/**
 * The stand-in: the widget's work (a busy main thread) before it takes the queued calls, as the
 * real one starts up before it boots; then the tests' recording stub, and a launcher where the
 * real one sits, which opens the Messenger on click; padded to the real size.
 */
const HEAVY_WIDGET = (() => {
  const code = `(function () {
  var end = performance.now() + ${WIDGET_WORK_MS};
  while (performance.now() < end) {}
})();
${WIDGET_STUB}
(function () {
  var launcher = document.createElement('div');
  launcher.className = 'intercom-lightweight-app-launcher';
  launcher.style.cssText = 'position:fixed;right:20px;bottom:20px;width:48px;height:48px;z-index:2147483001';
  launcher.onclick = function () { window.Intercom('show'); };
  document.body.append(launcher);
})();
`;
  return `${code}/*${'x'.repeat(WIDGET_BYTES - code.length - 4)}*/`;
})();

interface LoadRun {
  widgetBytesBefore: number;
  longTaskMsBefore: number;
  tbtMs: number;
  /** Click where the launcher is -> `show`; undefined when nothing there opens the Messenger. */
  clickToShowMs?: number;
}

export interface LoadRow {
  page: string;
  runs: number;
  widgetBytesBefore: number;
  longTaskMsBefore: number;
  tbtMs: number;
  clickToShowMs?: number;
}

export interface LoadResult {
  widgetBytes: number;
  widgetWorkMs: number;
  widgetDelayMs: number;
  quietMs: number;
  /** Request start -> the widget's boot in the eager page: one widget load time. */
  widgetLoadMs: number;
  rows: LoadRow[];
}

const pages: Record<string, Record<string, string> | 'guide'> = {
  "install guide's pattern": 'guide',
  'generated, --load eager': { load: 'eager' },
  'generated, --load idle': { load: 'idle' },
  'generated, --load interaction': { load: 'interaction' },
  'generated, --load interaction --launcher facade': { load: 'interaction', launcher: 'facade' },
};

async function measureOnce(browser: Browser, server: RunningServer): Promise<LoadRun & { loadMs?: number }> {
  const opened = await openPage(browser, { widgetDelayMs: WIDGET_DELAY_MS, widgetBody: HEAVY_WIDGET });
  const { page } = opened;
  const context = page.context();
  try {
    await context.request.get(`${server.url}/test/login/alice`);
    let widgetRequestedAt: number | undefined;
    page.on('request', (request) => request.url().startsWith('https://widget.intercom.io/') && (widgetRequestedAt ??= Date.now()));
    await page.addInitScript(() => {
      const w = window as Window & { __longTasks?: { start: number; duration: number }[] };
      w.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.__longTasks!.push({ start: entry.startTime, duration: entry.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(`${server.url}/`);
    await page.waitForTimeout(QUIET_MS);
    const tasks = await page.evaluate(() => (window as Window & { __longTasks?: { start: number; duration: number }[] }).__longTasks ?? []);
    const boot = (await opened.calls()).find((c) => c.method === 'boot');
    const before: LoadRun = {
      widgetBytesBefore: opened.widgetRequests.length * HEAVY_WIDGET.length,
      longTaskMsBefore: round(tasks.reduce((sum, t) => sum + t.duration, 0)),
      tbtMs: round(tasks.filter((t) => t.start < QUIET_MS).reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0)),
    };
    const loadMs = boot && widgetRequestedAt ? boot.at - widgetRequestedAt : undefined;
    // Where the launcher is: the facade, the widget's launcher, or nothing yet. A pointer hovers
    // before it clicks (100 ms here, less than people take).
    const viewport = page.viewportSize()!;
    await page.mouse.move(viewport.width - 44, viewport.height - 44);
    await page.waitForTimeout(100);
    const clickedAt = Date.now();
    await page.mouse.down();
    await page.mouse.up();
    const deadline = Date.now() + 5000;
    let show: { at: number } | undefined;
    while (!show && Date.now() < deadline) {
      show = (await opened.calls()).find((c) => c.method === 'show');
      if (!show) await page.waitForTimeout(20);
    }
    return { ...before, clickToShowMs: show ? show.at - clickedAt : undefined, loadMs };
  } finally {
    await context.close();
  }
}

export async function measureLoadModes(): Promise<LoadResult> {
  const browser = await launchBrowser();
  const servers: RunningServer[] = [];
  try {
    const rows: LoadRow[] = [];
    let widgetLoadMs = NaN;
    for (const [label, flags] of Object.entries(pages)) {
      const server = await startBackend(flags === 'guide' ? guidePage() : generatedPage(flags));
      servers.push(server);
      const runs = [];
      for (let i = 0; i < RUNS; i++) runs.push(await measureOnce(browser, server));
      const shows = runs.map((r) => r.clickToShowMs).filter((ms): ms is number => ms !== undefined);
      const row: LoadRow = {
        page: label,
        runs: RUNS,
        widgetBytesBefore: median(runs.map((r) => r.widgetBytesBefore)),
        longTaskMsBefore: median(runs.map((r) => r.longTaskMsBefore)),
        tbtMs: median(runs.map((r) => r.tbtMs)),
        clickToShowMs: shows.length === RUNS ? median(shows) : undefined,
      };
      if (label === 'generated, --load eager') widgetLoadMs = median(runs.map((r) => r.loadMs ?? NaN));
      rows.push(row);
      log(
        `load ${label}: ${row.widgetBytesBefore} B before interaction, long tasks ${row.longTaskMsBefore} ms, TBT ${row.tbtMs} ms, click → show ${row.clickToShowMs ?? '–'} ms`,
      );
    }
    return { widgetBytes: WIDGET_BYTES, widgetWorkMs: WIDGET_WORK_MS, widgetDelayMs: WIDGET_DELAY_MS, quietMs: QUIET_MS, widgetLoadMs, rows };
  } finally {
    await browser.close();
    await Promise.all(servers.map((s) => s.stop()));
  }
}
