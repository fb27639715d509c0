// 2. Page impact in headless Chromium: a signed-in user opens the page; the widget script and
// the JWT endpoint each answer 200 ms late. Measured: navigation start -> the first `boot`
// that carries a token (as the widget stub records it), and the requests the page made
// before it. Target: from the moment the first of the two requests starts, the token boot
// comes at most one request-time (200 ms) after the slower response's own duration, which
// holds only when the token fetch overlaps the widget download. The generated vanilla
// installation and the install guide's pattern run on the same host page, the same backend
// and browser, in alternation.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Request } from 'playwright-core';
import { launchBrowser, openPage, type OpenedPage } from '../tests/helpers/browser.js';
import { startBackend } from '../tests/helpers/frontend-contract.js';
import { runPlop } from '../tests/helpers/plop.js';
import type { RunningServer } from '../tests/helpers/server.js';
import { tempDir } from '../tests/helpers/workspace.js';
import { log, median, round } from './lib/stats.js';
import { WORKSPACE_ID } from './lib/targets.js';

/** The latency given to the widget script and to the JWT endpoint: one request-time. */
export const DELAY_MS = 200;
/** The image of the second scenario, whose late answer holds the page's load event back. */
export const SLOW_IMAGE_MS = 600;
const RUNS = Number(process.env.BENCH_PAGE_RUNS ?? 7);

interface PageRun {
  /** Navigation start -> first boot with a token. */
  bootMs: number;
  /** Navigation start -> the first of the two requests (widget, token) starts: the page's work before. */
  preWorkMs: number;
  /** First of the two requests starts -> first boot with a token. */
  sinceFirstRequestMs: number;
  /** The slower of the two responses' own duration + one request-time. */
  budgetMs: number;
  widget: { startMs: number; endMs: number };
  jwt: { startMs: number; endMs: number };
  /** The token fetch and the widget download were in flight at the same time. */
  overlap: boolean;
  /** Requests started before the first token boot (paths, the widget as `widget`). */
  requests: string[];
}

export interface PageSummary {
  page: string;
  scenario: string;
  runs: number;
  medianBootMs: number;
  medianPreWorkMs: number;
  medianSinceFirstRequestMs: number;
  medianWidgetEndMs: number;
  medianJwtEndMs: number;
  /** The slower response's own duration + one request-time (median). */
  budgetMs: number;
  /** Median over runs of (first request -> boot) - budget: <= 0 meets the target. */
  medianOverBudgetMs: number;
  medianRequestsBefore: number;
  requestsBefore: string[];
  overlapRuns: number;
  meetsTarget: boolean;
  raw: PageRun[];
}

export interface PageResult {
  delayMs: number;
  slowImageMs: number;
  chromium: string;
  summaries: PageSummary[];
  /** Per scenario: guide boot time / generated boot time, the median of per-round ratios. */
  ratios: Record<string, number>;
  otherFrameworks: string;
  /** The generated page holds <link rel="modulepreload"> for the core. */
  generatedPreloadsCore: boolean;
}

const scenarios = {
  plain: 'the vanilla host page as it is',
  'slow-image': `the same page with one image answering ${SLOW_IMAGE_MS} ms late (the load event waits for it)`,
  'slow-network': `the same page with every request ${DELAY_MS} ms late, as on a real network (HTML and scripts too)`,
} as const;
type Scenario = keyof typeof scenarios;

/** The vanilla host page with the generated installation (`flags` added to the defaults). */
export function generatedPage(flags: Record<string, string> = {}): string {
  const dir = tempDir('bench-page-generated', 'frontend/vanilla');
  const result = runPlop('intercom-frontend', dir, { framework: 'vanilla', workspaceId: WORKSPACE_ID, ...flags });
  if (result.code !== 0) throw new Error(`intercom-frontend vanilla failed:\n${result.output}`);
  return dir;
}

/** The vanilla host page with the install guide's two scripts instead. */
export function guidePage(): string {
  const dir = tempDir('bench-page-guide', 'frontend/vanilla');
  const snippet = fs.readFileSync(path.join(import.meta.dirname, 'guide/snippet.html'), 'utf8').replaceAll('YOUR_WORKSPACE_ID', WORKSPACE_ID);
  const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  fs.writeFileSync(path.join(dir, 'index.html'), html.replace('</body>', `${snippet}  </body>`));
  return dir;
}

async function measureOnce(browser: Browser, server: RunningServer, scenario: Scenario): Promise<PageRun> {
  const opened: OpenedPage = await openPage(browser, { widgetDelayMs: DELAY_MS });
  const { page } = opened;
  const context = page.context();
  try {
    await context.request.get(`${server.url}/test/login/alice`);
    await context.addCookies([{ name: 'delay_ms', value: String(DELAY_MS), url: server.url }]);
    if (scenario === 'slow-image') {
      await context.route(`${server.url}/`, async (route) => {
        const response = await route.fetch();
        const body = (await response.text()).replace('</body>', '<img src="/bench-slow-image.png" alt="">\n</body>');
        await route.fulfill({ response, body });
      });
      await context.route(`${server.url}/bench-slow-image.png`, async (route) => {
        await new Promise((resolve) => setTimeout(resolve, SLOW_IMAGE_MS));
        await route.fulfill({ status: 200, contentType: 'image/gif', body: Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64') });
      });
    }
    if (scenario === 'slow-network') {
      // Same-origin files too (the JWT endpoint is already held back by its cookie).
      await context.route(`${server.url}/**`, async (route) => {
        if (!new URL(route.request().url()).pathname.startsWith('/api/')) await new Promise((resolve) => setTimeout(resolve, DELAY_MS));
        await route.continue();
      });
    }
    const started = new Map<Request, number>();
    const ended = new Map<Request, number>();
    page.on('request', (request) => started.set(request, Date.now()));
    page.on('requestfinished', (request) => ended.set(request, Date.now()));
    page.on('requestfailed', (request) => ended.set(request, Date.now()));

    await page.goto(`${server.url}/`);
    const deadline = Date.now() + 10_000;
    let boot: { at: number } | undefined;
    while (!boot && Date.now() < deadline) {
      boot = (await opened.calls()).find((c) => c.method === 'boot' && c.args[0]?.intercom_user_jwt);
      if (!boot) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    if (!boot) throw new Error(`no boot with a token: ${JSON.stringify(await opened.calls())}; errors: ${opened.errors.join(' | ')}`);
    const origin: number = await page.evaluate(() => performance.timeOrigin);
    const entries = [...started].map(([request, at]) => {
      const url = new URL(request.url());
      return { name: url.hostname === 'widget.intercom.io' ? 'widget' : url.pathname, start: at - origin, end: (ended.get(request) ?? NaN) - origin };
    });
    const find = (name: string) => entries.find((e) => (name === 'widget' ? e.name === 'widget' : e.name.startsWith(name)));
    const widget = find('widget');
    const jwt = find('/api/');
    if (!widget || !jwt) throw new Error(`missing requests: ${entries.map((e) => e.name).join(', ')}`);
    const bootMs = boot.at - origin;
    const preWorkMs = Math.min(widget.start, jwt.start);
    return {
      bootMs,
      preWorkMs: round(preWorkMs, 1),
      sinceFirstRequestMs: round(bootMs - preWorkMs, 1),
      budgetMs: round(Math.max(widget.end - widget.start, jwt.end - jwt.start) + DELAY_MS, 1),
      widget: { startMs: round(widget.start, 1), endMs: round(widget.end, 1) },
      jwt: { startMs: round(jwt.start, 1), endMs: round(jwt.end, 1) },
      overlap: jwt.start < widget.end && widget.start < jwt.end,
      requests: entries.filter((e) => e.start <= boot!.at - origin).map((e) => e.name),
    };
  } finally {
    await context.close();
  }
}

function summarize(page: string, scenario: Scenario, runs: PageRun[]): PageSummary {
  const over = round(median(runs.map((r) => r.sinceFirstRequestMs - r.budgetMs)), 1);
  const counts = runs.map((r) => r.requests.length);
  return {
    page,
    scenario: scenarios[scenario],
    runs: runs.length,
    medianBootMs: round(median(runs.map((r) => r.bootMs)), 1),
    medianPreWorkMs: round(median(runs.map((r) => r.preWorkMs)), 1),
    medianSinceFirstRequestMs: round(median(runs.map((r) => r.sinceFirstRequestMs)), 1),
    medianWidgetEndMs: round(median(runs.map((r) => r.widget.endMs)), 1),
    medianJwtEndMs: round(median(runs.map((r) => r.jwt.endMs)), 1),
    budgetMs: round(median(runs.map((r) => r.budgetMs)), 1),
    medianOverBudgetMs: over,
    medianRequestsBefore: median(counts),
    requestsBefore: runs.find((r) => r.requests.length === median(counts))?.requests ?? runs[0].requests,
    overlapRuns: runs.filter((r) => r.overlap).length,
    meetsTarget: over <= 0,
    raw: runs,
  };
}

export async function measurePage(): Promise<PageResult> {
  const pages = { generated: generatedPage(), guide: guidePage() };
  const servers: Record<string, RunningServer> = {};
  const browser = await launchBrowser();
  try {
    for (const [name, dir] of Object.entries(pages)) servers[name] = await startBackend(dir);
    const runs: Record<string, PageRun[]> = {};
    const ratios: Record<string, number[]> = {};
    for (const scenario of Object.keys(scenarios) as Scenario[]) {
      // One warm-up visit each (Chromium's first navigation of a context pays for its own start).
      for (const name of Object.keys(pages)) await measureOnce(browser, servers[name], scenario);
      for (let i = 0; i < RUNS; i++) {
        const order = i % 2 ? ['guide', 'generated'] : ['generated', 'guide'];
        const lap: Record<string, PageRun> = {};
        for (const name of order) {
          lap[name] = await measureOnce(browser, servers[name], scenario);
          (runs[`${name}:${scenario}`] ??= []).push(lap[name]);
        }
        (ratios[scenario] ??= []).push(lap.guide.bootMs / lap.generated.bootMs);
      }
      log(
        `page ${scenario}: generated ${round(median(runs[`generated:${scenario}`].map((r) => r.bootMs)))} ms, guide ${round(median(runs[`guide:${scenario}`].map((r) => r.bootMs)))} ms`,
      );
    }
    const summaries = Object.entries(runs).map(([key, list]) => {
      const [page, scenario] = key.split(':') as [string, Scenario];
      return summarize(
        page === 'generated' ? 'generated vanilla (intercom/start.js + messenger.js)' : "install guide's pattern (fetch, then the load-event loader)",
        scenario,
        list,
      );
    });
    return {
      delayMs: DELAY_MS,
      slowImageMs: SLOW_IMAGE_MS,
      chromium: browser.version(),
      summaries,
      ratios: Object.fromEntries(Object.entries(ratios).map(([scenario, list]) => [scenario, round(median(list), 2)])),
      generatedPreloadsCore: /rel="modulepreload"[^>]*messenger\.js/.test(fs.readFileSync(path.join(pages.generated, 'index.html'), 'utf8')),
      otherFrameworks:
        'Vanilla only: the React, Next, Vue, Angular and Ember host builds live inside tests/frontend/<name>.test.ts and are not exported, so the bench cannot reuse them without copying them.',
    };
  } finally {
    await browser.close();
    await Promise.all(Object.values(servers).map((s) => s.stop()));
  }
}
