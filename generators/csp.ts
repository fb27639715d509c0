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
    ['frame-src', https(['intercom-sheets.com', 'www.intercom-reporting.com', 'www.youtube.com', 'player.vimeo.com', 'fast.wistia.net'])],
    ['form-action', https(['intercom.help', api[1]])],
    ['style-src', ["'unsafe-inline'"]],
  ];
}

/** The policy lines to add, one directive per line. */
export const cspLines = (region: Region) => messengerCsp(region).map(([directive, sources]) => `${directive} ${sources.join(' ')}`);

export type ProbeKind = 'script' | 'fetch' | 'websocket' | 'img' | 'font';

/** A request the widget makes, and the directive that governs it. */
export interface Probe {
  kind: ProbeKind;
  url: string;
  directive: string;
}

/** What the real widget requests after it loads: its code, the region's API, the realtime socket, images and fonts. */
export function messengerProbes(region: Region): Probe[] {
  const { api, realtime } = regional[region];
  return [
    { kind: 'script', url: 'https://js.intercomcdn.com/frame-modern.js', directive: 'script-src' },
    { kind: 'fetch', url: `https://${api[1]}/messenger/web/ping`, directive: 'connect-src' },
    { kind: 'websocket', url: `wss://${realtime[0]}/pubsub/`, directive: 'connect-src' },
    { kind: 'img', url: 'https://static.intercomassets.com/avatars/avatar.png', directive: 'img-src' },
    { kind: 'font', url: 'https://fonts.intercomcdn.com/proxima-nova/proxima-nova-regular.woff2', directive: 'font-src' },
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
    } catch {
      // A blocked WebSocket throws as well as reporting the violation.
    }
  }
  return new Promise((resolve) => setTimeout(() => resolve(blocked), 1000));
}
