// The Next.js backend without a build: the files each adapter and router get, detection, the
// summary, refusals, both halves from one `intercom` run, and create-next-app's lint on every
// variant. `custom` has no library to sign in with: its generated route handler is run directly,
// and must answer 401 without signing. The HTTP contract, built and served, is next.test.ts.
import fs from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { authOption } from '../../generators/auth.js';
import { Project } from '../../generators/project.js';
import { adapters } from '../../generators/targets/backend/next.js';
import { SECRET } from '../helpers/backend-contract.js';
import { nextToolchain } from '../helpers/next-toolchain.js';
import { runPlop } from '../helpers/plop.js';
import { appInToolchain, sh } from '../helpers/toolchains.js';
import { read, repoRoot, snapshotTree, tempDir, write } from '../helpers/workspace.js';

const files = suite('intercom-backend --framework next: files, adapters, refusals');

const generate = (dir: string, flags: Record<string, string> = {}) => {
  const result = runPlop('intercom-backend', dir, { framework: 'next', ...flags });
  assert.is(result.code, 0, result.output);
  return result;
};

files('each host is detected as its adapter and router; the user module imports the app’s own auth module', () => {
  const cases = [
    ['backend/next', 'authjs', 'app/api/intercom-jwt/route.ts', "import { auth } from '../auth';"],
    ['backend/next-auth-v4', 'next-auth-v4', 'pages/api/intercom-jwt.ts', "import { authOptions } from '../pages/api/auth/[...nextauth]';"],
    ['backend/next-iron-session', 'iron-session', 'app/api/intercom-jwt/route.js', "import { sessionOptions } from './session';"],
  ] as const;
  for (const [fixture, auth, endpoint, importLine] of cases) {
    const dir = tempDir('next-files', fixture);
    const result = generate(dir);
    assert.ok(fs.existsSync(path.join(dir, endpoint)), `${fixture}: ${endpoint}\n${result.stdout}`);
    const user = read(dir, `lib/intercom-user.${endpoint.slice(-2)}`);
    assert.match(user, `--auth ${auth}`);
    assert.ok(user.includes(importLine), `${fixture}:\n${user}`);
    assert.not.match(user, 'MARKED');
  }
});

files('App Router: force-dynamic, the Node runtime, GET only; OPTIONS only with --allowedOrigin', () => {
  const dir = tempDir('next-app-route', 'backend/next');
  generate(dir);
  const route = read(dir, 'app/api/intercom-jwt/route.ts');
  assert.match(route, "export const dynamic = 'force-dynamic';");
  assert.match(route, "export const runtime = 'nodejs';");
  assert.match(route, 'export async function GET() {');
  assert.not.match(route, 'OPTIONS');
  generate(dir, { allowedOrigin: 'https://app.example.com', force: 'true' });
  assert.match(read(dir, 'app/api/intercom-jwt/route.ts'), 'export function OPTIONS(request: Request)');
});

files('custom: a marked signedInUser() that returns null; its endpoint answers 401 and never signs; the summary names it', async () => {
  const dir = tempDir('next-custom', 'backend/next');
  const result = generate(dir, { auth: 'custom' });
  const user = read(dir, 'lib/intercom-user.ts');
  assert.match(user, '// MARKED: return the signed-in user');
  assert.match(
    user,
    /signedInUser\(\): Promise<IntercomUser \| null> \{\n {2}console\.warn\(`\[intercom\] signedInUser\(\) in lib\/intercom-user\.ts is not filled in yet, so the Intercom JWT endpoint answers 401`\);\n {2}return null;\n\}/,
  );
  assert.match(result.stdout, 'Fill in signedInUser() in lib/intercom-user.ts: it returns null until you do, so /api/intercom-jwt answers 401');
  // The generated handler itself, with the secret set: the request carries a would-be identity too.
  process.env.INTERCOM_IDENTITY_SECRET = SECRET;
  try {
    const { GET } = await import(path.join(dir, 'app/api/intercom-jwt/route.ts'));
    const res: Response = await GET(new Request('http://localhost/api/intercom-jwt?user_id=42', { headers: { 'X-User-Id': '42' } }));
    assert.is(res.status, 401);
    assert.is(res.headers.get('cache-control'), 'no-store');
    assert.equal(await res.json(), { error: 'not_authenticated' });
  } finally {
    delete process.env.INTERCOM_IDENTITY_SECRET;
  }
});

files(
  'auth is detected from package.json: next-auth 5 (or beta) is authjs, 4 is next-auth-v4, iron-session, Clerk, @supabase/ssr, better-auth; none gives custom',
  () => {
    for (const [dependencies, auth] of [
      [{ 'next-auth': '^5.0.0-beta.25' }, 'authjs'],
      [{ 'next-auth': 'beta' }, 'authjs'],
      [{ 'next-auth': '^4.24.5' }, 'next-auth-v4'],
      [{ 'iron-session': '^8.0.0' }, 'iron-session'],
      [{ '@clerk/nextjs': '^7.9.0' }, 'clerk'],
      [{ '@supabase/ssr': '^0.12.0', '@supabase/supabase-js': '^2.119.0' }, 'supabase'],
      [{ 'better-auth': '^1.7.0' }, 'better-auth'],
      // supabase-js alone keeps the session in the browser's storage, which no server can read.
      [{ '@supabase/supabase-js': '^2.119.0' }, 'custom'],
      [{}, 'custom'],
    ] as const) {
      const dir = tempDir('next-detect');
      write(dir, 'package.json', JSON.stringify({ dependencies: { next: '16.4.6', ...dependencies } }));
      const option = authOption(adapters, () => new Project(dir));
      assert.is(option.default?.({}), auth, JSON.stringify(dependencies));
    }
  },
);

files('several auth libraries: the first is read, and the summary names the others and the flag', () => {
  const dir = tempDir('next-two-auths', 'backend/next');
  write(dir, 'package.json', JSON.stringify({ dependencies: { next: '16.4.6', 'next-auth': '5.0.0-beta.32', 'iron-session': '8.0.4' } }));
  const result = generate(dir);
  assert.match(read(dir, 'lib/intercom-user.ts'), '--auth authjs\n');
  assert.match(result.stdout, 'The project also uses iron-session: signedInUser() reads authjs; pass --auth iron-session for the other.');
});

files('no module exports authOptions: the import is marked and the summary says what to do', () => {
  const dir = tempDir('next-v4-missing');
  write(dir, 'package.json', JSON.stringify({ dependencies: { next: '16.4.6', 'next-auth': '^4.24.5' } }));
  write(dir, 'tsconfig.json', '{}');
  write(dir, 'pages/index.tsx', 'export default function Home() { return null; }\n');
  const result = generate(dir);
  const user = read(dir, 'lib/intercom-user.ts');
  assert.match(user, "// MARKED: no module of yours exports authOptions yet: export it there, or change this path.\nimport { authOptions } from './auth';");
  assert.match(user, 'getServerSession(req, res, authOptions)');
  assert.match(result.stdout, 'No module of yours exports authOptions: export it, or fix the marked import in lib/intercom-user.ts.');
});

files('the summary lists each next-auth signOut() call with the line to add before it', () => {
  const dir = tempDir('next-signout', 'backend/next');
  write(
    dir,
    'components/account-menu.tsx',
    "'use client';\nimport { signOut as leave } from 'next-auth/react';\n\nexport function AccountMenu() {\n  return <button onClick={() => leave()}>Sign out</button>;\n}\n",
  );
  write(dir, 'components/other.ts', "import { signOut } from './elsewhere';\nsignOut();\n");
  const result = generate(dir);
  assert.match(result.stdout, 'Before signOut() at components/account-menu.tsx:5: await intercom.logout();');
  assert.not.match(result.stdout, 'components/other.ts');
});

files('Clerk, Supabase and better-auth: each sign-out call found by syntax tree, with the line to add before it', () => {
  const cases = [
    [
      'clerk',
      { '@clerk/nextjs': '7.9.17' },
      {
        'components/menu.tsx':
          "'use client';\nimport { useClerk, useAuth } from '@clerk/nextjs';\n\nexport function Menu() {\n  const { signOut } = useClerk();\n  const clerk = useClerk();\n  const auth = useAuth();\n  return [signOut(), clerk.signOut(), auth.signOut(), useClerk().signOut()];\n}\n",
        'components/other.tsx': "import { useClerk } from './my-hooks';\nconst { signOut } = useClerk();\nsignOut();\n",
        'components/header.tsx':
          "import { SignOutButton } from '@clerk/nextjs';\n\nexport const Header = () => (\n  <SignOutButton>\n    <button>Leave</button>\n  </SignOutButton>\n);\n",
      },
      ['components/menu.tsx:8', 'components/menu.tsx:8', 'components/menu.tsx:8', 'components/menu.tsx:8'],
    ],
    [
      'supabase',
      { '@supabase/ssr': '0.12.7' },
      {
        'app/logout/actions.ts':
          "'use server';\nimport { createClient } from '@/lib/supabase/server';\n\nexport async function logout() {\n  const supabase = await createClient();\n  await supabase.auth.signOut();\n}\n",
      },
      ['app/logout/actions.ts:6'],
    ],
    [
      'better-auth',
      { 'better-auth': '1.7.29' },
      {
        'lib/auth-client.ts':
          "import { createAuthClient } from 'better-auth/react';\n\nexport const authClient = createAuthClient();\nexport const { signOut } = createAuthClient();\n",
        'components/a.tsx': "import { authClient } from '@/lib/auth-client';\n\nexport const leave = () => authClient.signOut();\n",
        'components/b.tsx': "import { signOut } from '../lib/auth-client';\n\nexport const leave = () => signOut({ fetchOptions: {} });\n",
        'components/c.ts': 'const authClient = { signOut() {} };\nauthClient.signOut();\n',
      },
      ['components/a.tsx:3', 'components/b.tsx:3'],
    ],
  ] as const;
  for (const [auth, dependencies, sources, sites] of cases) {
    const dir = tempDir(`next-signout-${auth}`);
    write(dir, 'package.json', JSON.stringify({ dependencies: { next: '16.4.6', ...dependencies } }));
    write(dir, 'tsconfig.json', '{}');
    write(dir, 'app/layout.tsx', 'export default function RootLayout({ children }: { children: React.ReactNode }) { return children; }\n');
    for (const [file, text] of Object.entries(sources)) write(dir, file, text);
    const result = generate(dir);
    assert.match(read(dir, 'lib/intercom-user.ts'), `--auth ${auth}\n`);
    const found = result.stdout.split('\n').flatMap((line) => /Before signOut\(\) at (\S+): await intercom\.logout\(\);/.exec(line)?.[1] ?? []);
    assert.equal(found, [...sites], `${auth}:\n${result.stdout}`);
    if (auth === 'clerk') assert.match(result.stdout, '<SignOutButton> at components/header.tsx:4: give its child onClick={() => intercom.logout()}');
  }
});

files('Clerk: the summary says what the session token must carry, and that the app has no clerkMiddleware() when it has none', () => {
  const dir = tempDir('next-clerk-summary');
  write(dir, 'package.json', JSON.stringify({ dependencies: { next: '16.4.6', '@clerk/nextjs': '7.9.17' } }));
  write(dir, 'tsconfig.json', '{}');
  write(dir, 'app/layout.tsx', 'export default function RootLayout({ children }: { children: React.ReactNode }) { return children; }\n');
  const bare = generate(dir);
  assert.match(bare.stdout, 'add them under Sessions → Customize session token');
  assert.match(bare.stdout, "No proxy.ts or middleware.ts of yours runs clerkMiddleware(), and Clerk's auth() throws without it");
  assert.not.ok(fs.existsSync(path.join(dir, 'proxy.ts')), 'the app’s middleware is the user’s to write');
  write(dir, 'middleware.ts', "import { clerkMiddleware } from '@clerk/nextjs/server';\n\nexport default clerkMiddleware();\n");
  assert.not.match(generate(dir).stdout, 'runs clerkMiddleware()');
});

files('Supabase: the key variable the app already reads (ANON_KEY in older projects), else the publishable key', () => {
  const dir = tempDir('next-supabase-key');
  write(dir, 'package.json', JSON.stringify({ dependencies: { next: '16.4.6', '@supabase/ssr': '0.12.7' } }));
  write(dir, 'app/layout.js', 'export default function RootLayout({ children }) { return children; }\n');
  generate(dir);
  assert.match(read(dir, 'lib/intercom-user.js'), 'process.env.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY, {');
  write(dir, 'lib/supabase.js', 'export const key = process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY;\n');
  const result = generate(dir, { force: 'true' });
  assert.match(read(dir, 'lib/intercom-user.js'), 'process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY, {');
  assert.match(result.stdout, 'It reads NEXT_PUBLIC_SUPABASE_URL and NEXT_PUBLIC_SUPABASE_ANON_KEY');
});

files('src/ projects and JavaScript: src/app/…/route.js and src/lib/intercom-user.js, without types', () => {
  const dir = tempDir('next-src-js');
  write(dir, 'package.json', JSON.stringify({ dependencies: { next: '16.4.6', 'iron-session': '^8.0.4' } }));
  write(dir, 'src/app/layout.js', 'export default function RootLayout({ children }) { return children; }\n');
  write(dir, 'src/lib/session.js', "export const sessionOptions = { password: 'x'.repeat(32), cookieName: 's' };\n");
  generate(dir);
  assert.equal(Object.keys(snapshotTree(dir)).sort(), [
    'package.json',
    'src/app/api/intercom-jwt/route.js',
    'src/app/layout.js',
    'src/lib/intercom-user.js',
    'src/lib/session.js',
  ]);
  const route = read(dir, 'src/app/api/intercom-jwt/route.js');
  assert.match(route, "from '../../../lib/intercom-user';");
  assert.not.match(route, /: (string|Request|IntercomUser)/);
});

for (const [flags, message] of [
  [{ router: 'pages', route: '/auth/intercom-token' }, '--route /auth/intercom-token: Pages Router API routes live under /api/'],
  [{ route: '/api/_intercom' }, '--route /api/_intercom: Next.js does not route a folder or file whose name starts with "_" (_intercom)'],
  [{ route: '/api/intercom-jwt/' }, '--route /api/intercom-jwt/: Next.js redirects a path with an empty segment or a trailing slash; use /api/intercom-jwt'],
  [{ router: 'pages', route: '/api/index' }, '--route /api/index: the last segment becomes pages/api/index.ts'],
  [{ route: '/' }, '--route: "/" is the site root'],
] as const) {
  files(`--route ${flags.route}${'router' in flags ? ` --router ${flags.router}` : ''} is refused, naming --route; nothing is written`, () => {
    const dir = tempDir('next-bad-route', 'backend/next');
    const before = snapshotTree(dir);
    const result = runPlop('intercom-backend', dir, { framework: 'next', ...flags });
    assert.is.not(result.code, 0, result.output);
    assert.ok(result.output.includes(message), result.output);
    assert.equal(snapshotTree(dir), before);
  });
}

files('a route onto a folder that holds a page is refused: Next forbids a page and a route handler together', () => {
  const dir = tempDir('next-page-clash', 'backend/next');
  write(dir, 'app/account/token/page.tsx', 'export default function Page() { return null; }\n');
  const before = snapshotTree(dir);
  const result = runPlop('intercom-backend', dir, { framework: 'next', route: '/account/token' });
  assert.is.not(result.code, 0, result.output);
  assert.match(result.output, '--route /account/token: app/account/token/ already holds a page');
  assert.equal(snapshotTree(dir), before);
});

files('`npx plop intercom` in a lone Next app writes both halves: the route handler and the Messenger', () => {
  const dir = tempDir('next-both-halves', 'backend/next');
  const result = runPlop('intercom', dir, { workspaceId: 'abc12345' });
  assert.is(result.code, 0, result.output);
  for (const file of ['app/api/intercom-jwt/route.ts', 'lib/intercom-user.ts', 'lib/intercom.ts', 'components/intercom-messenger.tsx']) {
    assert.ok(fs.existsSync(path.join(dir, file)), `${file}\n${result.stdout}`);
  }
  assert.match(read(dir, 'app/layout.tsx'), '<IntercomMessenger />');
  assert.match(read(dir, 'lib/intercom.ts'), "const JWT_ENDPOINT = '/api/intercom-jwt';");
  const again = runPlop('intercom', dir, { workspaceId: 'abc12345' });
  assert.is(again.code, 0, again.output);
  assert.not.match(again.stdout, /\b(created|updated)\s/);
});

files('`npx plop intercom` in a Pages Router app: one --router, from the folders, for both halves', () => {
  const dir = tempDir('next-both-pages', 'backend/next-auth-v4');
  const result = runPlop('intercom', dir, { workspaceId: 'abc12345' });
  assert.is(result.code, 0, result.output);
  assert.ok(fs.existsSync(path.join(dir, 'pages/api/intercom-jwt.ts')), result.stdout);
  assert.match(read(dir, 'components/intercom-messenger.tsx'), "events.on('routeChangeComplete'");
});

files(
  "every adapter, in both routers: create-next-app's own lint (eslint-config-next, warnings included); Clerk, Supabase and better-auth type-checked (strict) against the libraries' own types",
  () => {
    // One app holding every variant, each copied under checked/<router>-<auth>/ with its imports intact, so
    // that one ESLint and one tsc run check them all. Better Auth's host supplies the `auth` module it imports.
    const dir = appInToolchain(nextToolchain(), 'lint-backend', 'backend/next-better-auth');
    fs.copyFileSync(path.join(repoRoot, 'tests/fixtures/starters/next-app/eslint.config.mjs'), path.join(dir, 'eslint.config.mjs'));
    for (const router of ['app', 'pages']) {
      for (const auth of Object.keys(adapters).concat('custom')) {
        generate(dir, { router, auth, allowedOrigin: 'https://app.example.com', attributes: 'phone,plan', force: 'true' });
        const route = router === 'app' ? 'app/api/intercom-jwt/route.ts' : 'pages/api/intercom-jwt.ts';
        for (const file of ['lib', route]) fs.cpSync(path.join(dir, file), path.join(dir, `checked/${router}-${auth}`, file), { recursive: true });
        fs.rmSync(path.join(dir, route));
      }
    }
    sh(path.join(nextToolchain(), 'node_modules/.bin/eslint'), ['--max-warnings=0', 'checked'], dir);
    // The type-check is for the adapters no build covers in both routers (this host's app has no Auth.js or iron-session module).
    for (const folder of fs.readdirSync(path.join(dir, 'checked'))) {
      if (!/-(clerk|supabase|better-auth)$/.test(folder)) fs.rmSync(path.join(dir, 'checked', folder), { recursive: true });
    }
    sh(process.execPath, [path.join(nextToolchain(), 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', '.'], dir);
  },
);

files.run();
