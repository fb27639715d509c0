// The findings section of BENCHMARKS.md: for every measure that missed its target in this
// run, what missed, by how much, and the cause as far as it was traced. Causes that were
// traced by a side experiment say so, with where the fix belongs; the numbers around them
// always come from the run itself.
import type { Results } from './report.js';

const gz = (n: number) => `${n.toLocaleString('en-US')} B gz`;
const x = (n: number | undefined) => (n === undefined ? '–' : `${n.toFixed(2)}×`);

/** Side-run measurements of what removing an adapter cost saves, keyed like ADAPTER_COSTS' notes. */
const adapterCostFixes: Array<[RegExp, string]> = [
  [
    /^a decorator/,
    'avoid the decorator where the framework allows it (in side runs the decorator and its helper were 145 B gz of the Angular bundle, and removing `@service` took the Ember bundle from 1,108 to 968 B gz)',
  ],
  [/isPlatformBrowser/, 'drop `isPlatformBrowser(PLATFORM_ID)`: the core already returns early without `window`'],
  [/takeUntilDestroyed/, 'drop `DestroyRef`/`takeUntilDestroyed`'],
  [/rxjs/, 'drop the rxjs pipe for an `instanceof` test in `subscribe`'],
];
const adapterFiles: Record<string, string> = {
  angular: 'templates/frontend/angular/[dir]/intercom.ts.hbs',
  ember: 'templates/frontend/ember/app/services/intercom.[ext].hbs',
};

export function findingsFor(results: Results): string[] {
  const out: string[] = [];
  const { weight, page, endpoint, generator } = results.sections;

  if (weight) {
    const misses = weight.rows.filter((r) => !r.meetsTarget);
    const core = Math.max(...weight.rows.map((r) => r.coreGzip));
    for (const r of misses) {
      const adapter = r.gzip - r.coreGzip;
      const fixes = r.adapterCosts.map((cost) => adapterCostFixes.find(([re]) => re.test(cost))?.[1]).filter(Boolean);
      out.push(
        `- **Client weight, ${r.label}: ${gz(r.gzip)}, over the ${gz(weight.targetBytes)} target by ${r.gzip - weight.targetBytes} B.** ` +
          `The client core alone is ${gz(r.coreGzip)}; the adapter adds about ${adapter} B. ` +
          (r.adapterCosts.length
            ? `Beyond wiring the core to the framework, the adapter holds ${r.adapterCosts.join('; ')}. `
            : 'No cause traced beyond that split. ') +
          (fixes.length ? `What to change${adapterFiles[r.id] ? `, in ${adapterFiles[r.id]}` : ''}: ${fixes.join('; ')}. ` : '') +
          (r.id === 'angular'
            ? "The adapter is two functions, `provideIntercom()` and `injectIntercom()`, with no decorator; most of what it adds are its named imports from `@angular/core` and `@angular/router`, which stay import statements here and vanish into the app's own bundle in an Angular build. Within the target the core has to shrink (see the core finding)."
            : ''),
      );
    }
    if (misses.length) {
      out.push(
        `- **Client weight, the core: ${gz(core)} is ${Math.round((core / weight.targetBytes) * 100)} % of the per-framework budget before any adapter.** ` +
          'It is already tight (minified, every feature the issue asks for: loader, identity with abort on logout, refresh from `exp`, logout, debounced route updates). What is left to take: the `typeof window` guard that each exported function repeats (templates/partials/frontend/identity.hbs, logout.hbs, route-updates.hbs), which one guard could cover; every target gains what the core loses.',
      );
    }
  }

  if (page) {
    const generated = page.summaries.filter((s) => s.page.startsWith('generated'));
    const guide = page.summaries.filter((s) => !s.page.startsWith('generated'));
    for (const s of generated.filter((s) => !s.meetsTarget)) {
      out.push(
        `- **Page impact, generated vanilla, ${s.scenario}: the token boot came ${s.medianOverBudgetMs} ms past the budget.** ` +
          `The fetch overlapped the widget in ${s.overlapRuns} of ${s.runs} visits. No cause traced beyond the run's numbers.`,
      );
    }
    const slowGenerated = generated.find((s) => s.scenario.includes('every request'));
    const slowGuide = guide.find((s) => s.scenario.includes('every request'));
    const bootOf = (scenario: string) => (who: 'generated' | 'guide') => {
      const ms = (who === 'generated' ? generated : guide).find((s) => s.scenario.startsWith(scenario))?.medianBootMs;
      return ms === undefined ? '?' : Math.round(ms);
    };
    const plain = bootOf('the vanilla host page');
    const slowImage = bootOf('the same page with one image');
    // Half a request-time or more: less than that is within how far visits scatter.
    if (slowGenerated && slowGuide && slowGenerated.medianPreWorkMs - slowGuide.medianPreWorkMs >= page.delayMs / 2) {
      out.push(
        `- **Page impact (within its target, but slower than the guide where every request costs a request-time): the generated vanilla page starts its two requests ${Math.round(slowGenerated.medianPreWorkMs)} ms after navigation against the guide's ${Math.round(slowGuide.medianPreWorkMs)} ms, and its token boot comes at ${Math.round(slowGenerated.medianBootMs)} against ${Math.round(slowGuide.medianBootMs)} ms.** ` +
          `It makes ${slowGenerated.medianRequestsBefore} requests before the boot against ${slowGuide.medianRequestsBefore}. Cause: the page loads \`<script type="module" src="intercom/start.js">\` before \`</body>\`, and only when start.js has arrived does its \`import\` of \`./messenger.js\` start a second round trip: two request-times before the widget and the token can even start, where the guide's inline script starts the token fetch while the page is still parsing. (Where the static files answer at once the gap closes: on the plain page the token boot comes at ${plain('generated')} against ${plain('guide')} ms; with a slow image the guide falls far behind, ${slowImage('generated')} against ${slowImage('guide')} ms, as its loader waits for \`load\`.) ` +
          (page.generatedPreloadsCore
            ? 'The page already preloads messenger.js; what is left is that both tags sit before `</body>`, found only when the body has arrived. Fix, in generators/targets/vanilla.ts (`edit`): put both in `<head>` (a module script is deferred anyway, but found at once), or render the core into start.js.'
            : 'Fix, in generators/targets/vanilla.ts (`edit`): put the tag in `<head>` (a module script is deferred anyway, but found at once, so it downloads while the body is parsed) together with `<link rel="modulepreload" href="intercom/messenger.js">`, so that both files download in parallel with the page; or render the core into start.js so the page has one file to fetch.'),
      );
    }
  }

  if (endpoint) {
    for (const r of endpoint.rows.filter((r) => !r.meetsTarget)) {
      const head = `- **Endpoint overhead, ${r.framework}: ${x(r.ratio)} the bare route's throughput (median of per-round ratios; median rps ${r.jwt.medianRps} against ${r.bare.medianRps}; p99 ${r.jwt.p99Ms} against ${r.bare.p99Ms} ms), target ≥ ${x(endpoint.targetRatio)}.** `;
      const noisy = Math.abs(r.ratio - r.ratioOfMedians) > 0.1 || r.ratioOfMedians >= endpoint.targetRatio;
      const noise = noisy
        ? `On this run the miss is not established: the ratio of the median throughputs is ${x(r.ratioOfMedians)}, so the rounds disagree under the machine's other load. `
        : '';
      if (r.framework === 'express') {
        out.push(
          head +
            noise +
            `Against the signed-in route, which reads the same session without signing, it is ${x(r.ratioToSignedIn)}: the token is the cost. ` +
            `Signing one token as the generated route does (jsonwebtoken 9, ${r.signingKey ?? 'string secret'}) takes ${r.signingUs ?? '?'} µs here, against ${Math.round(1e6 / r.bare.medianRps)} µs for a whole bare request at its rate. ` +
            (r.signingKey === 'KeyObject'
              ? "The route already passes a KeyObject, which removed the worst of it (jsonwebtoken tries `crypto.createPrivateKey()` on a string secret every call and fails: auth0/node-jsonwebtoken#966; this bench measured 0.22–0.26× before that change). What remains is jsonwebtoken's own per-call work (option validation, its jws/jwa layers) on top of the HMAC. "
              : 'Cause: with a string secret, jsonwebtoken 9 first tries `crypto.createPrivateKey(secret)` on every call, and that failing OpenSSL parse costs far more than the HMAC (auth0/node-jsonwebtoken#966). ') +
            'In a side run on this machine (15 rounds, same client): as first generated (string secret) 0.30×, with a KeyObject 0.78×, signing with `node:crypto` `createHmac` directly 0.95×. ' +
            "Fix, in templates/backend/express/[dir]/intercom-jwt.[ext].hbs: sign with `node:crypto` (base64url of the header and the claims, `createHmac('sha256', secret)`, as the PHP template already does) and drop the jsonwebtoken dependency from generators/targets/express.ts.",
        );
      } else {
        // Split the gap: reading the signed-in user (signed-in ÷ bare) and the token part (JWT ÷ signed-in).
        const session = r.signedIn ? r.signedIn.medianRps / r.bare.medianRps : undefined;
        const token = r.ratioToSignedIn;
        const requestUs = 1e6 / r.bare.medianRps;
        const share = r.signingUs === undefined ? undefined : r.signingUs / requestUs;
        const who: Record<string, string> = {
          django: 'two sqlite queries, the session row and the user row',
          rails: 'decrypting the cookie session and the current_user lookup',
          php: 'opening the file session',
          flask: 'Flask-Login loading the user from the signed cookie session',
        };
        out.push(
          head +
            noise +
            `Split: reading the signed-in user (${who[r.framework] ?? 'the session'}) gives ${x(session)} (signed-in ÷ bare), the token part ${x(token)} (JWT ÷ signed-in); signing one token as the generated code does takes ${r.signingUs ?? '?'} µs here, ${share === undefined ? '?' : Math.round(share * 100)} % of the ${Math.round(requestUs)} µs a bare request takes at its rate. ` +
            (session !== undefined && token !== undefined && session < token
              ? 'Most of the gap is finding out who is signed in, which every authenticated endpoint pays: nothing in the generated code to fix there. '
              : '') +
            (token === undefined || token >= 0.97
              ? 'The token part is within how far rounds scatter. '
              : share !== undefined && share >= (1 - token) / 2
                ? 'The signing is a real part of the token part. '
                : 'The signing is too small to explain the token part; the rest of the route (its after-request headers, the larger JSON body) was not traced further. ') +
            (r.framework === 'php'
              ? '`php -S` (as in the tests) runs without OPcache and compiles the whole generated file, doc comments included, on every request; under php-fpm with OPcache, as deployed, that cost goes away.'
              : ''),
        );
      }
    }
  }

  if (generator) {
    const misses = generator.rows.filter((r) => !r.meetsTarget);
    if (misses.length) {
      const byCpu = misses.filter((r) => r.cpuRatio > generator.targetRatio);
      out.push(
        `- **Generator latency: ${misses.map((r) => `${r.id} (${r.mode}) ${x(r.ratio)}`).join(', ')} over ${x(generator.targetRatio)} \`plop --version\` in wall time.** ` +
          `In CPU time the same runs are ${misses.map((r) => `${r.id} ${x(r.cpuRatio)}`).join(', ')}` +
          (byCpu.length
            ? `; ${byCpu.map((r) => r.id).join(', ')} ${byCpu.length > 1 ? 'are' : 'is'} over the line in CPU time too, so there the generator does more work than the target allows: spawned as the tests spawn it, every TypeScript source of the pack is loaded through tsx at start-up (resolution and transform-cache reads), which a user running the compiled dist/ does not pay (compare the "as published" rows). `
            : '. In CPU time every run is within the target, so the wall-time miss is other load on the machine landing on these runs rather than work of ours. ') +
          'Per-run wall ratios here move by a few tenths between passes (see the load average).',
      );
    }
  }
  return out;
}
