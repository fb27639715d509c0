// The site's own code: History API navigation and a fake login. The Messenger part is
// intercom/start.js (generated), which this file talks to through window.IntercomMessenger.
const pages = { '/': 'Home', '/pricing': 'Pricing' };

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
    window.IntercomMessenger.login();
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
