// The example app for `npm run demo`: a fake login kept in a server-side session (req.user,
// as Passport sets it) and a static single-page site. It holds no Intercom code: the demo runs
// the generator on a copy, which writes the JWT route and mounts it here.
const { randomBytes } = require('node:crypto');
const path = require('node:path');
const express = require('express');

const USERS = {
  alice: { id: 42, email: 'alice@example.com', name: 'Alice Example' },
  bob: { id: 7, email: 'bob@example.com', name: 'Bob Example' },
};
const sessions = new Map();
const sessionId = (req) => /(?:^|;\s*)sid=([a-f0-9]+)/.exec(req.get('Cookie') || '')?.[1];

const app = express();
app.use((req, res, next) => {
  req.user = sessions.get(sessionId(req));
  next();
});

app.post('/login/:name', (req, res) => {
  const user = USERS[req.params.name];
  if (!user) return res.status(404).json({ error: 'no such demo user' });
  const sid = randomBytes(16).toString('hex');
  sessions.set(sid, user);
  res.set('Set-Cookie', `sid=${sid}; HttpOnly; SameSite=Lax; Path=/`).json({ name: user.name });
});
app.post('/logout', (req, res) => {
  sessions.delete(sessionId(req));
  res.set('Set-Cookie', 'sid=; Max-Age=0; Path=/').json({ ok: true });
});
app.get('/me', (req, res) => res.json({ user: req.user ?? null }));

const publicDir = path.join(__dirname, 'public');
app.use(express.static(publicDir));
app.use((req, res) => res.sendFile(path.join(publicDir, 'index.html')));

const port = Number(process.env.PORT || 3000);
app.listen(port, '127.0.0.1', () => console.log(`Example app on http://127.0.0.1:${port}`));
