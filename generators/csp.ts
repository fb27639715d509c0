// The Content-Security-Policy sources the Messenger needs, per region, after Intercom's help article
// "Using Intercom with Content Security Policy" (source allowlisting), and the requests the widget
// makes under each directive: the doctor and the tests make those requests on a page to see what
// its policy blocks.
import type { regions } from './registry.js';

type Region = keyof typeof regions;

/** Each region's API and realtime hosts; everything else is the same for every workspace. */
const regional: Record<Region, { api: string[]; realtime: string[]; uploads: string[] }> = {
  us: {
    api: ['api.intercom.io', 'api-iam.intercom.io'],
    realtime: ['nexus-websocket-a.intercom.io', 'nexus-websocket-b.intercom.io'],
    uploads: ['uploads.intercomcdn.com'],
  },
  eu: {
    api: ['api.eu.intercom.io', 'api-iam.eu.intercom.io'],
    realtime: ['nexus-europe-websocket.intercom.io'],
    uploads: ['uploads.intercomcdn.eu', 'uploads.eu.intercomcdn.com'],
  },
  au: {
    api: ['api.au.intercom.io', 'api-iam.au.intercom.io'],
    realtime: ['nexus-australia-websocket.intercom.io'],
    uploads: ['uploads.au.intercomcdn.com'],
  },
};

const https = (hosts: string[]) => hosts.map((host) => `https://${host}`);

/** Directive → the sources to add to it, in the order a policy lists them. */
export function messengerCsp(region: Region): [directive: string, sources: string[]][] {
  const { api, realtime, uploads } = regional[region];
  const frames = https(['intercom-sheets.com', 'www.intercom-reporting.com', 'www.youtube.com', 'player.vimeo.com', 'fast.wistia.net']);
  return [
    ['script-src', https(['app.intercom.io', 'widget.intercom.io', 'js.intercomcdn.com'])],
    [
      'connect-src',
      [
        ...https(['via.intercom.io', ...api, 'api-ping.intercom.io']),
        ...realtime.flatMap((host) => [`https://${host}`, `wss://${host}`]),
        'https://*.intercom-messenger.com',
        'wss://*.intercom-messenger.com',
        ...https([...uploads, 'uploads.intercomusercontent.com']),
      ],
    ],
    [
      'img-src',
      [
        'blob:',
        'data:',
        ...https([
          'js.intercomcdn.com',
          'static.intercomassets.com',
          'downloads.intercomcdn.com',
          'uploads.intercomusercontent.com',
          'gifs.intercomcdn.com',
          'video-messages.intercomcdn.com',
          'messenger-apps.intercom.io',
          '*.intercom-attachments-5.com',
          '*.intercom-attachments-6.com',
          '*.intercom-attachments-9.com',
        ]),
      ],
    ],
    ['font-src', https(['js.intercomcdn.com', 'fonts.intercomcdn.com'])],
    ['media-src', https(['js.intercomcdn.com'])],
    ['frame-src', frames],
    // The article's own directive: browsers of CSP level 2 read frames (and workers) from child-src.
    ['child-src', frames],
    ['form-action', https(['intercom.help', api[1]])],
    ['style-src', ["'unsafe-inline'"]],
  ];
}

const WORKERS_NOTE =
  "(Workers fall back to child-src when a policy sets no worker-src: if yours sets script-src but neither child-src nor worker-src, also add worker-src with script-src's sources, or child-src takes over your own workers.)";

/** The policy lines to add, one directive per line, then what child-src does to workers. */
export const cspLines = (region: Region) => [...messengerCsp(region).map(([directive, sources]) => `${directive} ${sources.join(' ')}`), WORKERS_NOTE];

export const regionLabels: Record<Region, string> = { us: 'US', eu: 'EU', au: 'Australian' };

/** Where a directive falls back to when a policy lacks it (CSP level 3); form-action has no fallback. */
const FALLBACKS: Record<string, string[]> = { 'frame-src': ['child-src', 'default-src'], 'form-action': [] };

/**
 * A new child-src becomes what workers fall back to (worker-src, then child-src, then script-src):
 * where script-src governed them, worker-src keeps script-src's sources, so the app's own workers
 * (a `blob:` one, say) keep running.
 */
function pinWorkers(policy: ReadonlyMap<string, unknown>, merges: DirectiveMerge[]): DirectiveMerge[] {
  const childSrc = merges.find((merge) => merge.directive === 'child-src');
  if (!childSrc?.from || policy.has('worker-src') || !policy.has('script-src')) return [];
  return [{ directive: 'worker-src', add: [], from: 'script-src' }];
}

/** A source the policy already allows: the same source, or a scheme source that covers it (`https:` for `https://…`). */
const covers = (existing: readonly (string | undefined)[], source: string) =>
  existing.some((value) => value === source || (value !== undefined && /^[a-z]+:$/.test(value) && source.startsWith(`${value}//`)));

/** What --csp merges into one directive of an app's policy. */
export interface DirectiveMerge {
  /** The directive, as CSP spells it (`script-src`). */
  directive: string;
  /** The Messenger's sources it lacks, in the help article's order (none for worker-src, which only keeps the app's). */
  add: string[];
  /** Set when the app's policy lacks the directive: the directive that governed it until now, whose sources the new one starts with. */
  from?: string;
  /** What the sources added cannot do, for the summary. */
  note?: string;
}

/** A nonce or hash, or a source the code computes (Next's `'nonce-${nonce}'`, a helmet function), which may be one. */
const nonceOrHash = (source: string | undefined) => source === undefined || /^'(nonce|sha256|sha384|sha512)-/.test(source);

const INLINE_STYLES_NOTE =
  "style-src has a nonce or hash (or a source the code computes), and browsers then ignore its 'unsafe-inline': the Messenger's inline styles stay blocked until the nonce leaves style-src (script-src keeps it). intercom-doctor names style-src while they are blocked.";

/**
 * What to merge into a policy (directive → the values of its sources, undefined where the code
 * computes one): each directive the Messenger needs and the policy restricts gets the sources it
 * lacks. A directive the policy does not restrict (absent, with nothing to fall back to) is left
 * alone, since adding it would start restricting it.
 */
export function cspMerges(policy: ReadonlyMap<string, readonly (string | undefined)[]>, region: Region): DirectiveMerge[] {
  const merges = messengerCsp(region).flatMap(([directive, sources]): DirectiveMerge[] => {
    const from = policy.has(directive) ? undefined : (FALLBACKS[directive] ?? ['default-src']).find((fallback) => policy.has(fallback));
    if (!policy.has(directive) && !from) return [];
    const existing = policy.get(directive) ?? policy.get(from!)!;
    const add = sources.filter((source) => !covers(existing, source));
    const note = directive === 'style-src' && existing.some(nonceOrHash) ? INLINE_STYLES_NOTE : undefined;
    return add.length ? [{ directive, add, ...(from && { from }), ...(note && { note }) }] : [];
  });
  return [...merges, ...pinWorkers(policy, merges)];
}

/** Where --csp merged the Messenger's sources: the file, and what each directive gained (none: it already allowed them). */
export interface CspMerged {
  file: string;
  merges: DirectiveMerge[];
  /** What else was done: the policy the generator started from when the app had none, middleware it added. */
  note?: string;
}

/** The summary of --csp on a backend: what was merged where, else the directives and where they go. */
export function cspSummary(region: Region, merged: CspMerged | undefined, where: string): string[] {
  const label = `the ${regionLabels[region]} region`;
  if (!merged)
    return [
      `Content-Security-Policy: the app has no policy configuration this generator can merge into, so none was edited. ${where}. The sources each directive needs (${label}, after Intercom's CSP help article):`,
      ...cspLines(region).map((line) => `    ${line}`),
    ];
  if (!merged.merges.length) return [`Content-Security-Policy: ${merged.file} already allows what the Messenger needs in ${label}.`];
  return [
    `Content-Security-Policy: the Messenger's sources for ${label} were merged into ${merged.file}${merged.note ? ` (${merged.note})` : ''}:`,
    ...merged.merges.flatMap(({ directive, add, from, note }) => [
      add.length
        ? `    ${directive}${from ? ` (new: ${from}'s sources, then the Messenger's)` : ''}: ${add.join(' ')}`
        : `    ${directive} (new: ${from}'s sources, so that the new child-src does not govern the app's own workers)`,
      ...(note ? [`      Note: ${note}`] : []),
    ]),
  ];
}

export type ProbeKind = 'script' | 'fetch' | 'websocket' | 'img' | 'font' | 'frame' | 'style';

/** A request the widget makes, and the directive that governs it. */
export interface Probe {
  kind: ProbeKind;
  url: string;
  directive: string;
}

/** What the real widget requests after it loads: its code, the region's API, the realtime socket, images, fonts, a sheet's frame and its inline styles. */
export function messengerProbes(region: Region): Probe[] {
  const { api, realtime } = regional[region];
  return [
    { kind: 'script', url: 'https://js.intercomcdn.com/frame-modern.js', directive: 'script-src' },
    { kind: 'fetch', url: `https://${api[1]}/messenger/web/ping`, directive: 'connect-src' },
    { kind: 'websocket', url: `wss://${realtime[0]}/pubsub/`, directive: 'connect-src' },
    { kind: 'img', url: 'https://static.intercomassets.com/avatars/avatar.png', directive: 'img-src' },
    { kind: 'font', url: 'https://fonts.intercomcdn.com/proxima-nova/proxima-nova-regular.woff2', directive: 'font-src' },
    { kind: 'frame', url: 'https://intercom-sheets.com/sheet', directive: 'frame-src' },
    // The widget styles its launcher and frames inline: the article's style-src 'unsafe-inline'.
    { kind: 'style', url: 'inline', directive: 'style-src' },
  ];
}

/**
 * Runs in the page: makes each probe's request and resolves with what the page's policy blocked
 * (securitypolicyviolation events). Self-contained (it is sent to the browser as source), so the
 * doctor and the tests inject the same function.
 */
export function probeInPage(probes: Probe[]): Promise<{ directive: string; url: string }[]> {
  const blocked: { directive: string; url: string }[] = [];
  document.addEventListener('securitypolicyviolation', (event) =>
    blocked.push({ directive: event.effectiveDirective.replace(/-(elem|attr)$/, ''), url: event.blockedURI }),
  );
  for (const probe of probes) {
    try {
      if (probe.kind === 'script') document.head.append(Object.assign(document.createElement('script'), { src: probe.url }));
      if (probe.kind === 'img') Object.assign(new Image(), { src: probe.url });
      if (probe.kind === 'fetch') fetch(probe.url, { method: 'POST', mode: 'no-cors' }).catch(() => undefined);
      if (probe.kind === 'websocket') new WebSocket(probe.url).addEventListener('error', () => undefined);
      if (probe.kind === 'font') new FontFace('intercom-probe', `url(${probe.url})`).load().catch(() => undefined);
      if (probe.kind === 'frame') document.body.append(Object.assign(document.createElement('iframe'), { src: probe.url, hidden: true }));
      if (probe.kind === 'style') document.head.append(Object.assign(document.createElement('style'), { textContent: '.intercom-probe{}' }));
    } catch {
      // A blocked WebSocket throws as well as reporting the violation.
    }
  }
  return new Promise((resolve) => setTimeout(() => resolve(blocked), 1000));
}
