// 7. Load modes: what the widget costs a page before the visitor does anything, per --load mode,
// beside the install guide's pattern and react-live-chat-loader (the facade library React users
// pick for Intercom); the React pages (React alone, the generated React integration, that
// library) are bundled by esbuild with React from the bench's SDK toolchain. The widget is a
// stand-in with the real one's weight: about 344 KB of JavaScript that keeps the main thread busy
// for about 300 ms when it runs (public measurements of the Messenger: 344 KB of JS, one long
// task). A signed-in visitor opens the page and does nothing for 10 s; then clicks where the
// launcher is.
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, WIDGET_STUB } from '../tests/helpers/browser.js';
import { startBackend } from '../tests/helpers/frontend-contract.js';
import type { RunningServer } from '../tests/helpers/server.js';
import { toolchain } from '../tests/helpers/toolchains.js';
import { tempDir } from '../tests/helpers/workspace.js';
import { log, median, round } from './lib/stats.js';
import { frontendCases, WORKSPACE_ID } from './lib/targets.js';
import { generatedPage, guidePage } from './page.js';
import { bundle, entryFor, generateInto, measureFacade, SDK_TOOLCHAIN } from './weight.js';

export const WIDGET_BYTES = 344 * 1024;
export const WIDGET_WORK_MS = 300;
/** The widget script's latency: one request-time, as in section 2. */
const WIDGET_DELAY_MS = 200;
const QUIET_MS = 10_000;
const RUNS = Number(process.env.BENCH_LOAD_RUNS ?? 3);

/**
 * The stand-in: the widget's work (a busy main thread) before it takes the queued calls, as the
 * real one starts up before it boots; then the tests' recording stub, with the real one's
 * `Intercom.booted` flag (react-live-chat-loader waits for it before it removes its placeholder),
 * and a launcher where the real one sits, which opens the Messenger on click; padded to the real size.
 */
const HEAVY_WIDGET = (() => {
  const code = `(function () {
  var end = performance.now() + ${WIDGET_WORK_MS};
  while (performance.now() < end) {}
})();
${WIDGET_STUB}
(function () {
  var record = window.Intercom;
  function Intercom(method) {
    if (method === 'boot') Intercom.booted = true;
    if (method === 'shutdown') Intercom.booted = false;
    record.apply(null, arguments);
  }
  Intercom.booted = window.__intercomCalls.some(function (c) { return c.method === 'boot'; });
  window.Intercom = Intercom;
})();
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
  /** Some boot, by the end of the run, carried the signed-in visitor's `intercom_user_jwt`; undefined: no boot. */
  bootWithToken?: boolean;
  /** Navigation start -> the widget request, when it came before the interaction. */
  widgetRequestMs?: number;
  /** Navigation start -> the end of the load event. */
  loadEventMs: number;
}

export interface LoadRow {
  page: string;
  runs: number;
  widgetBytesBefore: number;
  longTaskMsBefore: number;
  tbtMs: number;
  clickToShowMs?: number;
  /** Every run's boot carried the token; undefined when no run booted (no Messenger code). */
  bootWithToken?: boolean;
  /** Median over the runs that requested the widget before the interaction; undefined when none did. */
  widgetRequestMs?: number;
  loadEventMs: number;
}

/** The loaders' own weight, bundled as section 1 bundles (esbuild, minified, React external), gz. */
export interface LoaderWeights {
  /** react-live-chat-loader's LiveChatLoaderProvider + Intercom, the two its README wires. */
  rlcl: { version: string; gzip: number; minified: number };
  /** What --launcher facade adds to the vanilla core (both --load interaction). */
  facade: number;
  /** The whole generated React integration (core + adapter) with --load interaction --launcher facade. */
  generatedReact: number;
}

export interface LoadResult {
  widgetBytes: number;
  widgetWorkMs: number;
  widgetDelayMs: number;
  quietMs: number;
  /** Request start -> the widget's boot in the eager page: one widget load time. */
  widgetLoadMs: number;
  rows: LoadRow[];
  weights: LoaderWeights;
  react: string;
}

const FACADE = { load: 'interaction', launcher: 'facade' };
export const REACT_BASELINE = 'React host alone (no Messenger code)';
export const RLCL = 'react-live-chat-loader (LiveChatLoaderProvider + Intercom)';
const reactCase = frontendCases.find((c) => c.id === 'react-js')!;

/** Each page's static folder, built when its row is measured. */
const pages: Record<string, () => string | Promise<string>> = {
  "install guide's pattern": guidePage,
  'generated, --load eager': () => generatedPage({ load: 'eager' }),
  'generated, --load idle': () => generatedPage({ load: 'idle' }),
  'generated, --load interaction': () => generatedPage({ load: 'interaction' }),
  'generated, --load interaction --launcher facade': () => generatedPage(FACADE),
  [REACT_BASELINE]: () => reactPage(reactHost(false)),
  'generated React, --load interaction --launcher facade': () => reactPage(generateInto(reactCase, FACADE).dir),
  [RLCL]: () => reactPage(reactHost(true)),
};

/**
 * The React host (react-js: React alone, no router) without Messenger code, or wired as
 * react-live-chat-loader's README wires Intercom: its provider with the workspace id, its
 * Intercom placeholder beside the app.
 */
function reactHost(withLoader: boolean): string {
  const dir = tempDir(withLoader ? 'bench-load-rlcl' : 'bench-load-react', reactCase.fixture);
  // The host's sign-in buttons call intercom.login/logout; neither page has them.
  fs.writeFileSync(path.join(dir, 'src/intercom.js'), 'export const intercom = { login() {}, logout() {} };\n');
  if (!withLoader) return dir;
  fs.writeFileSync(
    path.join(dir, 'src/main.jsx'),
    `import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Intercom, LiveChatLoaderProvider } from 'react-live-chat-loader';
import App from './App.jsx';

createRoot(document.getElementById('root')).render(
  <StrictMode>
    <LiveChatLoaderProvider providerKey="${WORKSPACE_ID}" provider="intercom">
      <App />
      <Intercom />
    </LiveChatLoaderProvider>
  </StrictMode>,
);
`,
  );
  return dir;
}

/** The React app bundled into one script as a production build would (esbuild, minified, React in). */
async function reactPage(app: string): Promise<string> {
  const out = path.join(app, 'dist');
  await build({
    entryPoints: [path.join(app, 'src/main.jsx')],
    outfile: path.join(out, 'main.js'),
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2020',
    platform: 'browser',
    jsx: 'automatic',
    nodePaths: [path.join(toolchain(SDK_TOOLCHAIN), 'node_modules')],
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  const html = fs.readFileSync(path.join(app, 'index.html'), 'utf8');
  fs.writeFileSync(path.join(out, 'index.html'), html.replace('/src/main.jsx', '/main.js'));
  return out;
}

async function loaderWeights(): Promise<LoaderWeights> {
  const sdkDir = toolchain(SDK_TOOLCHAIN);
  const rlcl = await bundle(`export { Intercom, LiveChatLoaderProvider } from 'react-live-chat-loader';`, sdkDir, false);
  const { dir, files } = generateInto(reactCase, FACADE);
  const facade = await measureFacade();
  return {
    rlcl: { version: packageVersion('react-live-chat-loader'), gzip: rlcl.gzip, minified: rlcl.minified },
    facade: facade.withFacade - facade.without,
    generatedReact: (await bundle(await entryFor(dir, files), dir)).gzip,
  };
}

const packageVersion = (name: string) =>
  JSON.parse(fs.readFileSync(path.join(toolchain(SDK_TOOLCHAIN), 'node_modules', name, 'package.json'), 'utf8')).version as string;

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
    const origin: number = await page.evaluate(() => performance.timeOrigin);
    const loadEventEnd: number = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd);
    const before = {
      widgetRequestMs: widgetRequestedAt === undefined ? undefined : round(widgetRequestedAt - origin),
      loadEventMs: round(loadEventEnd),
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
    const boots = (await opened.calls()).filter((c) => c.method === 'boot');
    const bootWithToken = boots.length ? boots.some((c) => c.args[0]?.intercom_user_jwt) : undefined;
    return { ...before, clickToShowMs: show ? show.at - clickedAt : undefined, bootWithToken, loadMs };
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
    for (const [label, page] of Object.entries(pages)) {
      const server = await startBackend(await page());
      servers.push(server);
      const runs = [];
      for (let i = 0; i < RUNS; i++) runs.push(await measureOnce(browser, server));
      const shows = runs.map((r) => r.clickToShowMs).filter((ms): ms is number => ms !== undefined);
      const requested = runs.map((r) => r.widgetRequestMs).filter((ms): ms is number => ms !== undefined);
      const row: LoadRow = {
        page: label,
        runs: RUNS,
        widgetBytesBefore: median(runs.map((r) => r.widgetBytesBefore)),
        longTaskMsBefore: median(runs.map((r) => r.longTaskMsBefore)),
        tbtMs: median(runs.map((r) => r.tbtMs)),
        clickToShowMs: shows.length === RUNS ? median(shows) : undefined,
        bootWithToken: runs.every((r) => r.bootWithToken === undefined) ? undefined : runs.every((r) => r.bootWithToken),
        widgetRequestMs: requested.length ? median(requested) : undefined,
        loadEventMs: median(runs.map((r) => r.loadEventMs)),
      };
      if (label === 'generated, --load eager') widgetLoadMs = median(runs.map((r) => r.loadMs ?? NaN));
      rows.push(row);
      log(
        `load ${label}: ${row.widgetBytesBefore} B before interaction (requested at ${row.widgetRequestMs ?? '–'} ms, load event ${row.loadEventMs} ms), long tasks ${row.longTaskMsBefore} ms, TBT ${row.tbtMs} ms, click → show ${row.clickToShowMs ?? '–'} ms, boot with token ${row.bootWithToken ?? '–'}`,
      );
    }
    const weights = await loaderWeights();
    log(`load weights: react-live-chat-loader ${weights.rlcl.gzip} B gz, facade ${weights.facade} B gz, generated React ${weights.generatedReact} B gz`);
    return {
      widgetBytes: WIDGET_BYTES,
      widgetWorkMs: WIDGET_WORK_MS,
      widgetDelayMs: WIDGET_DELAY_MS,
      quietMs: QUIET_MS,
      widgetLoadMs,
      rows,
      weights,
      react: packageVersion('react'),
    };
  } finally {
    await browser.close();
    await Promise.all(servers.map((s) => s.stop()));
  }
}
