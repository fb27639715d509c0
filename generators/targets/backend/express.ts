import path from 'node:path';
import { authOption, CUSTOM_AUTH, detectAuth, type AuthAdapter } from '../../auth.js';
import type { Answers } from '../../options.js';
import {
  bindingsOf,
  callChain,
  calleeName,
  declarationKind,
  endsWithSemicolon,
  find,
  importAfter,
  importStatements,
  isCall,
  isRequireStatement,
  nodes,
  parseModule,
  pointsAt,
  quoteOf,
  requiredModule,
  statementAfter,
  statementBefore,
  type Insertion,
  type t,
  usesSemicolons,
  wireModule,
} from '../../syntax/javascript.js';
import { callsHelmet, mergeHelmet } from '../helmet.js';
import { defineBackend, type BackendAnswers } from '../types.js';

/** The auth libraries the endpoint can ask who is signed in; more specific ones win (Passport sits on express-session). */
const AUTH = {
  passport: {
    label: 'Passport (req.user)',
    detect: (project) => project.dependsOn('passport'),
    before: ['express-session'],
    middleware: 'the session and Passport middleware (so req.user is set)',
  },
  'express-session': {
    label: 'express-session (req.session[sessionKey])',
    detect: (project) => project.dependsOn('express-session'),
    middleware: 'the session middleware (so req.session is set)',
  },
  'express-openid-connect': {
    label: 'express-openid-connect (req.oidc.user)',
    detect: (project) => project.dependsOn('express-openid-connect'),
    before: ['passport', 'express-session'],
    middleware: "express-openid-connect's auth() (so req.oidc is set)",
  },
  clerk: {
    label: 'Clerk (getAuth(req) of @clerk/express)',
    detect: (project) => project.dependsOn('@clerk/express'),
    before: ['passport', 'express-session'],
    middleware: 'clerkMiddleware() (so getAuth(req) knows the session)',
  },
} satisfies Record<string, AuthAdapter & { middleware: string }>;
type AuthId = keyof typeof AUTH | typeof CUSTOM_AUTH;

/** Middleware calls that set who is signed in, besides the session ones: their bindings are read from the imports. */
const AUTH_MIDDLEWARE: Record<string, readonly string[]> = { 'express-openid-connect': ['auth'], '@clerk/express': ['clerkMiddleware'] };

/** What express-session keeps on req.session itself, and what every object inherits: never a user. */
const SESSION_OWN = new Set([
  'cookie',
  'id',
  'req',
  'regenerate',
  'destroy',
  'reload',
  'save',
  'touch',
  'resetMaxAge',
  ...Object.getOwnPropertyNames(Object.prototype),
]);

function sessionKey(value: string): string | undefined {
  if (!/^[A-Za-z_$][\w$]*$/.test(value))
    return `"${value}" is not a JavaScript identifier: pass the key your login code sets, e.g. req.session.user = … → --sessionKey user`;
  if (SESSION_OWN.has(value))
    return `"${value}" is a field of req.session itself, not a user: pass the key your login code sets, e.g. req.session.user = … → --sessionKey user`;
  return undefined;
}

/** When the manifest names libraries that none wins over (express-openid-connect and Clerk), the default was the first: say so, and how to pick another. */
function severalAuths(found: string[], auth: AuthId): string[] {
  if (found.length < 2 || !found.includes(auth)) return [];
  const others = found.filter((id) => id !== auth).map((id) => `--auth ${id}`);
  return [
    `package.json names several auth libraries and none is more specific: ${found.join(', ')}. signedInUser() reads ${auth}; for another, run again with ${others.join(' or ')}.`,
  ];
}

interface ExpressOwn {
  auth: AuthId;
  /** express-session only: the key of req.session that holds the user. */
  sessionKey?: string;
}

/** Where Express apps are usually created, starters first. */
const APP_FILES = [
  'app.js',
  'app.ts',
  'src/app.js',
  'src/app.ts',
  'server.js',
  'server.ts',
  'src/server.js',
  'src/server.ts',
  'index.js',
  'index.ts',
  'src/index.js',
  'src/index.ts',
];

const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'all', 'options', 'head', 'route', 'listen']);
const FUNCTION = new Set(['FunctionExpression', 'ArrowFunctionExpression']);

interface ExpressApp {
  name: string;
  /** The statement that creates the app, and the statements of the block it sits in. */
  statement: t.Statement;
  block: t.Statement[];
}

/**
 * The one `const app = express()` of the file (typed, exported, or inside a factory function),
 * with `express` bound to the 'express' module; undefined when there is none or several.
 */
function expressApp(ast: t.File): ExpressApp | undefined {
  const express = new Set(bindingsOf(ast, (source) => source === 'express').map((b) => b.name));
  const createsApp = (init: t.Node | null | undefined) =>
    isCall(init) && ((init.callee.type === 'Identifier' && express.has(init.callee.name)) || requiredModule(init.callee) === 'express');
  const found = find(ast, (n): n is t.VariableDeclarator => n.type === 'VariableDeclarator' && n.id.type === 'Identifier' && createsApp(n.init));
  if (found.length !== 1) return undefined;
  const [declarator, ancestors] = found[0];
  // declarator < VariableDeclaration [< ExportNamedDeclaration] < Program or BlockStatement
  const parents = [...ancestors].reverse();
  const index = parents.findIndex((p) => p.type === 'Program' || p.type === 'BlockStatement');
  if (index < 1) return undefined;
  const container = parents[index] as t.Program | t.BlockStatement;
  return { name: (declarator.id as t.Identifier).name, statement: parents[index - 1] as t.Statement, block: container.body };
}

/** The calls of a statement `app.a(…).b(…);`, or undefined when the statement is something else. */
function appCalls(statement: t.Statement, app: string) {
  if (statement.type !== 'ExpressionStatement') return undefined;
  const chain = callChain(statement.expression);
  return chain.root.type === 'Identifier' && chain.root.name === app && chain.calls.length ? chain.calls : undefined;
}

/**
 * The calls of the file that are an auth library's middleware (express-openid-connect's `auth(…)`,
 * Clerk's `clerkMiddleware()`), however it is bound: a named import, a destructured require, or a namespace (`oidc.auth(…)`).
 */
function authMiddleware(ast: t.File): (call: t.CallExpression) => boolean {
  const names = new Set<string>();
  const namespaces = new Map<string, readonly string[]>();
  for (const [module, exported] of Object.entries(AUTH_MIDDLEWARE)) {
    for (const binding of bindingsOf(ast, (source) => source === module)) {
      if (binding.imported === undefined || binding.imported === 'default') namespaces.set(binding.name, exported);
      else if (exported.includes(binding.imported)) names.add(binding.name);
    }
    for (const statement of ast.program.body) {
      if (statement.type !== 'VariableDeclaration') continue;
      for (const { id, init } of statement.declarations) {
        if (id.type !== 'ObjectPattern' || requiredModule(init) !== module) continue;
        for (const property of id.properties) {
          if (
            property.type === 'ObjectProperty' &&
            property.key.type === 'Identifier' &&
            exported.includes(property.key.name) &&
            property.value.type === 'Identifier'
          ) {
            names.add(property.value.name);
          }
        }
      }
    }
  }
  return ({ callee }) =>
    (callee.type === 'Identifier' && names.has(callee.name)) ||
    (callee.type === 'MemberExpression' &&
      callee.object.type === 'Identifier' &&
      callee.property.type === 'Identifier' &&
      Boolean(namespaces.get(callee.object.name)?.includes(callee.property.name)));
}

/**
 * Session middleware: `app.use(x)` given passport.session()/authenticate(…), a session function
 * (express-session's `session(…)`, cookie-session, the app's own `session`) or an auth library's.
 */
function isSession(call: t.CallExpression, name: string, isAuth: (call: t.CallExpression) => boolean): boolean {
  if (name !== 'use' || isRouteOrHandler(call, name)) return false;
  return call.arguments.some(
    (a) =>
      (a.type === 'Identifier' && /session/i.test(a.name)) ||
      (isCall(a) && (calleeName(a) === 'authenticate' || /session/i.test(calleeName(a) ?? '') || isAuth(a))),
  );
}

/** A route, or a router mounted at a path: the app's own requests start here. */
function isRoute(call: t.CallExpression, name: string): boolean {
  if (ROUTE_METHODS.has(name)) return true;
  const [first] = call.arguments;
  return name === 'use' && ['StringLiteral', 'TemplateLiteral', 'RegExpLiteral', 'ArrayExpression'].includes(first?.type ?? '');
}

/** A route, or an inline handler (404, errors; it may also be the app's own session code). */
const isRouteOrHandler = (call: t.CallExpression, name: string) => isRoute(call, name) || (name === 'use' && call.arguments.some((a) => FUNCTION.has(a.type)));

/** Whether the statement uses the finished app: exports or returns it, passes it to a server. */
const usesApp = (statement: t.Statement, app: string) =>
  statement.type === 'ReturnStatement' ||
  statement.type === 'ExportDefaultDeclaration' ||
  [...nodes(statement)].some(([node]) => node.type === 'Identifier' && node.name === app);

/** The name the generated route is bound to in the file (import or require of …/intercom-jwt). */
const routeBinding = (ast: t.File) =>
  bindingsOf(ast, (source) => source.startsWith('.') && pointsAt(source, 'intercom-jwt')).find((b) => b.imported === 'default');

/** Wired: some `.use(…)` call mounts the imported route, or requires it right there. */
function mountsRoute(ast: t.File): boolean {
  const route = routeBinding(ast);
  const mounts = (a: t.Node) => (a.type === 'Identifier' && a.name === route?.name) || pointsAt(requiredModule(a) ?? '', 'intercom-jwt');
  return find(ast, (n): n is t.CallExpression => isCall(n) && calleeName(n) === 'use' && n.arguments.some(mounts)).length > 0;
}

/**
 * The import (joining the imports; a require joins the requires above the app, so it runs before
 * the mount) and `app.use(intercomJwt)` as a statement of the app's block: after the session and
 * auth middleware (what signedInUser() reads must be set), else before the app's first route, else
 * before its first inline handler, listen, export or return.
 */
function mountRoute(ast: t.File, text: string, from: string, typescript: boolean): Insertion[] | undefined {
  const app = expressApp(ast);
  if (!app) return undefined;
  const after = app.block.slice(app.block.indexOf(app.statement) + 1);
  const isAuth = authMiddleware(ast);
  const sessions = after.filter((s) => appCalls(s, app.name)?.some(({ call, name }) => isSession(call, name, isAuth)));
  // Routes first: an inline middleware before them may be the app's own session code.
  const route = after.find((s) => appCalls(s, app.name)?.some(({ call, name }) => isRoute(call, name)));
  const boundary = after.find((s) => appCalls(s, app.name)?.some(({ call, name }) => isRouteOrHandler(call, name)) ?? usesApp(s, app.name));
  const anchor = sessions.at(-1) ?? route ?? boundary;
  if (!anchor) return undefined;
  const neighbour = sessions.at(-1) ?? after.find((s) => appCalls(s, app.name)) ?? anchor;
  const semicolon = endsWithSemicolon(text, neighbour) || (neighbour.type !== 'ExpressionStatement' && usesSemicolons(ast, text)) ? ';' : '';
  const existing = routeBinding(ast);
  const mount = `${app.name}.use(${existing?.name ?? 'intercomJwt'})${semicolon}`;
  const insertions: Insertion[] = [sessions.length ? statementAfter(ast, text, anchor, mount) : statementBefore(text, anchor, mount)];
  if (existing) return insertions;
  const q = quoteOf(ast, text);
  const imports = importStatements(ast);
  if (imports.length || typescript) {
    const last = imports.at(-1);
    const end = (last ? endsWithSemicolon(text, last) : usesSemicolons(ast, text)) ? ';' : '';
    insertions.push(importAfter(ast, text, imports, `import intercomJwt from ${q}${from}${q}${end}`));
  } else {
    const top = ast.program.body.find((s) => s.start! <= app.statement.start! && s.end! >= app.statement.end!)!;
    const requires = ast.program.body.filter((s) => isRequireStatement(s) && s.end! <= top.start!);
    const last = requires.at(-1);
    const end = (last ? endsWithSemicolon(text, last) : usesSemicolons(ast, text)) ? ';' : '';
    insertions.push(importAfter(ast, text, requires, `${declarationKind(last)} intercomJwt = require(${q}${from}${q})${end}`));
  }
  return insertions;
}

export const express = defineBackend({
  label: 'Express (Node.js)',
  detect: (project) => project.dependsOn('express'),
  options: (projectOf) => [
    authOption(AUTH, projectOf),
    {
      name: 'sessionKey',
      message: 'Key of req.session that holds the signed-in user (express-session)',
      kind: 'input',
      default: () => 'user',
      validate: sessionKey,
      when: (answers: Answers) => answers.auth === 'express-session',
    },
  ],
  context: (project, { auth }: BackendAnswers & ExpressOwn) => {
    const typescript = project.typescript;
    const ext = typescript ? 'ts' : 'js';
    const dir = project.firstDir(['src/routes', 'routes'], project.has('src') ? 'src/routes' : 'routes');
    return {
      typescript,
      esm: project.esm,
      ext,
      // NodeNext resolution wants the .js extension in TypeScript imports too.
      importExt: !typescript || /"module(Resolution)?"\s*:\s*"node(16|next)"/i.test(project.read('tsconfig.json') ?? '') ? '.js' : '',
      dir,
      endpointFile: `${dir}/intercom-jwt.${ext}`,
      claimSyntax: { quote: '', separator: ': ', trailingComma: true, spread: '...' },
      claimExprs: { user_id: 'String(user.id)', email: 'user.email', name: 'user.name', iat: 'now', exp: 'now + TOKEN_TTL_SECONDS' },
      readAttribute: (name: string) => `user.${name}`,
      attributesReader: { fn: 'signedAttributes', user: 'user' },
      // One flag per adapter, for the template's {{#if}}: `express-session` is no Handlebars-friendly key.
      by: {
        passport: auth === 'passport',
        session: auth === 'express-session',
        oidc: auth === 'express-openid-connect',
        clerk: auth === 'clerk',
        custom: auth === CUSTOM_AUTH,
      },
      customAuth: auth === CUSTOM_AUTH ? { fn: 'signedInUser' } : undefined,
    };
  },
  dependencies: (data) => [
    { ecosystem: 'npm', name: 'jsonwebtoken', version: '^9.0.2' },
    ...(data.typescript ? [{ ecosystem: 'npm' as const, name: '@types/jsonwebtoken', version: '^9.0.6', dev: true }] : []),
  ],
  installCommand: (project, data) =>
    [project.addCommand(['jsonwebtoken']), data.typescript ? project.addCommand(['@types/jsonwebtoken'], true) : ''].filter(Boolean).join(' && '),
  wire(plan, project, data) {
    const file = APP_FILES.find((candidate) => {
      const text = plan.read(candidate);
      const ast = text === undefined ? undefined : parseModule(text, candidate);
      return ast !== undefined && expressApp(ast) !== undefined;
    });
    if (!file) return undefined;
    const text = plan.read(file)!;
    const from = `./${path.posix.relative(path.posix.dirname(file), `${data.dir}/intercom-jwt`)}${data.importExt}`;
    const result = wireModule(
      file,
      text,
      (ast) => mountsRoute(ast),
      (ast) => mountRoute(ast, text, from, data.typescript),
    );
    if (result === undefined) return undefined;
    if (result === 'already') return { file, note: `${file} already imports the Intercom route and mounts it` };
    plan.edit(file, () => result);
    return { file, note: `${file}: imports the route and mounts it with ${expressApp(parseModule(result, file)!)!.name}.use(intercomJwt)` };
  },
  csp: {
    merge(plan, _project, data) {
      const file = APP_FILES.find((candidate) => {
        const text = plan.read(candidate);
        return text !== undefined && callsHelmet(candidate, text);
      });
      const result = file && mergeHelmet(file, plan.read(file)!, data.region);
      if (!result) return undefined;
      if (result.merged.merges.length) plan.edit(result.merged.file, () => result.text);
      return { ...result.merged, file: `helmet() in ${result.merged.file}` };
    },
    where:
      "Express: add helmet (npm i helmet) where the app is created, app.use(helmet({ contentSecurityPolicy: { directives: { … } } })) before the routes; a directive you list (camelCase: scriptSrc, connectSrc, …) replaces helmet's default, so start it from that",
  },
  authNotes: (project, data) => severalAuths(detectAuth(AUTH, project), data.auth),
  wiring: (data) => {
    const from = `./${data.dir}/intercom-jwt${data.importExt}`;
    const esm = data.esm || data.typescript;
    return [
      `In the file that creates your Express app, with its other ${esm ? 'imports' : 'requires'} (the path is from the project root):`,
      esm ? `  import intercomJwt from '${from}';` : `  const intercomJwt = require('${from}');`,
      `then after ${data.auth === CUSTOM_AUTH ? 'the middleware that knows who is signed in (signedInUser() reads it)' : AUTH[data.auth].middleware}, before your routes and error handlers:`,
      '  app.use(intercomJwt);',
    ];
  },
});
