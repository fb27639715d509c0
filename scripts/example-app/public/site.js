// The site's own code: History API navigation and a fake login. The Messenger part is
// intercom/start.js (generated), which this file talks to through window.IntercomMessenger.
const pages = { '/': 'Home', '/pricing': 'Pricing' };

// Demo only: show every call the Messenger receives. Offline the widget cannot load, so this
// panel is where the boots, updates and shutdowns can be seen. Whatever is assigned to
// window.Intercom (the loader's queueing stub, later the real widget) is wrapped in a Proxy
// that records each call and passes it on unchanged.
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

function showMessengerCalls() {
  const list = document.getElementById('messenger-calls');
  list.replaceChildren(
    ...received.map(({ at, method, settings }) => {
      const item = document.createElement('li');
      const token = settings?.intercom_user_jwt;
      const who = token ? `user_id ${claimsOf(token).user_id}` : method === 'boot' ? 'anonymous' : '';
      const time = document.createElement('time');
      time.dateTime = at.toISOString();
      time.textContent = at.toLocaleTimeString();
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
  // The core refreshes about five minutes before exp (at least 30 s ahead), timed from exp - iat.
  const lifetime = claims ? claims.exp - claims.iat : 0;
  const due = claims && new Date(lastBoot.at.getTime() + (lifetime - Math.min(300, Math.max(30, lifetime / 2))) * 1000);
  document.getElementById('messenger-refresh').textContent = due
    ? `Next token refresh due at about ${due.toLocaleTimeString()} (the token expires at ${new Date(claims.exp * 1000).toLocaleTimeString()}).`
    : '';
}

function render() {
  document.getElementById('page').textContent = pages[location.pathname] ?? 'Not found';
}

async function showUser() {
  const { user } = await (await fetch('/me')).json();
  document.getElementById('who').textContent = user ? `Signed in as ${user.name} (user_id ${user.id})` : 'Anonymous visitor';
}

document.querySelectorAll('[data-link]').forEach((link) =>
  link.addEventListener('click', (event) => {
    event.preventDefault();
    history.pushState({}, '', link.getAttribute('href'));
    render();
  }),
);
addEventListener('popstate', render);

for (const name of ['alice', 'bob']) {
  document.getElementById(`login-${name}`).addEventListener('click', async () => {
    await fetch(`/login/${name}`, { method: 'POST' });
    window.IntercomMessenger.boot();
    showUser();
  });
}
document.getElementById('logout').addEventListener('click', async () => {
  window.IntercomMessenger.logout(); // before the session is cleared
  await fetch('/logout', { method: 'POST' });
  showUser();
});

render();
showUser();
