// Demo only, not generated code: a recording stand-in around the Intercom Messenger. Offline (or
// with the made-up workspace ID) the widget cannot load, so this panel shows what it received.
// Whatever is assigned to window.Intercom (the loader's queueing stub, later the real widget) is
// wrapped in a Proxy that records each call and passes it on unchanged.
const received = [];
let intercom;
Object.defineProperty(window, 'Intercom', {
  configurable: true,
  get: () => intercom,
  set(fn) {
    intercom = new Proxy(fn, {
      apply(target, self, args) {
        received.push({ at: new Date(), method: args[0], settings: args[1] });
        showMessengerCalls();
        return Reflect.apply(target, self, args);
      },
    });
  },
});

function claimsOf(token) {
  const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(atob(payload));
}

// When the generated core boots again with a fresh token: as its scheduleRefresh() times it
// (templates/partials/frontend/identity.hbs), from the token's lifetime exp - iat.
function refreshDue(bootedAt, { exp, iat }) {
  const lifetime = Math.min(86400, exp - iat);
  return new Date(bootedAt.getTime() + Math.max(30, lifetime / 2, lifetime - 300) * 1000);
}

function timeElement(at) {
  const time = document.createElement('time');
  time.dateTime = at.toISOString();
  time.textContent = at.toLocaleTimeString();
  return time;
}

function showMessengerCalls() {
  document.getElementById('messenger-calls').replaceChildren(
    ...received.map(({ at, method, settings }) => {
      const item = document.createElement('li');
      const token = settings?.intercom_user_jwt;
      const who = token ? `user_id ${claimsOf(token).user_id}` : method === 'boot' ? 'anonymous' : '';
      const time = timeElement(at);
      const call = document.createElement('span');
      call.textContent = `${method}${who ? ` (${who})` : ''}`;
      item.append(time, ' ', call);
      return item;
    }),
  );
  const lastBoot = received.findLast((call) => call.method === 'boot' || call.method === 'shutdown');
  const token = lastBoot?.method === 'boot' ? lastBoot.settings?.intercom_user_jwt : undefined;
  const claims = token && claimsOf(token);
  document.getElementById('messenger-claims').textContent = claims ? JSON.stringify(claims, null, 2) : 'none: anonymous visitor';
  const refresh = document.getElementById('messenger-refresh');
  if (claims) {
    refresh.replaceChildren(
      'Next token refresh due at about ',
      timeElement(refreshDue(lastBoot.at, claims)),
      ' (the token expires at ',
      timeElement(new Date(claims.exp * 1000)),
      ').',
    );
  } else refresh.replaceChildren();
}
