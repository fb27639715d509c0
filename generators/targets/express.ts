import path from 'node:path';
import { addImport, findLastLine, findLine, insertBeside, lines, quoteStyle } from '../steps/anchors.js';
import type { BackendTarget } from './types.js';

/** Where Express apps are usually created, starters first. */
const APP_FILES = ['app.js', 'app.ts', 'src/app.js', 'src/app.ts', 'server.js', 'server.ts', 'src/server.js', 'src/server.ts', 'index.js', 'index.ts', 'src/index.js', 'src/index.ts'];

export const express: BackendTarget = {
  label: 'Express (Node.js)',
  detect: (project) => project.dependsOn('express'),
  context: (project) => {
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
    };
  },
  files: (data) => [{ template: 'backend/express/routes/intercom-jwt.[ext].hbs', to: data.endpointFile as string }],
  dependencies: (data) => [
    { ecosystem: 'npm', name: 'jsonwebtoken', version: '^9.0.2' },
    ...(data.typescript ? [{ ecosystem: 'npm' as const, name: '@types/jsonwebtoken', version: '^9.0.6', dev: true }] : []),
  ],
  installCommand: (project, data) =>
    [project.addCommand(['jsonwebtoken']), data.typescript ? project.addCommand(['@types/jsonwebtoken'], true) : '']
      .filter(Boolean)
      .join(' && '),
  wire(plan, project, data) {
    const file = project.findFile(APP_FILES, /=\s*express\(\)/);
    if (!file) return undefined;
    const text = plan.read(file)!;
    if (/intercom-jwt/.test(text)) return { file, note: `${file} already uses the Intercom route` };
    const app = /(?:const|let|var)\s+(\w+)\s*=\s*express\(\)/.exec(text)?.[1];
    if (!app) return undefined;
    const from = `./${path.posix.relative(path.posix.dirname(file), `${data.dir}/intercom-jwt`)}${data.importExt}`;
    const q = quoteStyle(text);
    const keyword = /^var\s/m.test(text) ? 'var' : 'const';
    const importLine =
      data.typescript || /^import\s/m.test(text)
        ? `import intercomJwt from ${q}${from}${q};`
        : `${keyword} intercomJwt = require(${q}${from}${q});`;
    // After the session (req.user must be set), before the app's own routes and error handlers.
    const mount = `${app}.use(intercomJwt);`;
    // The import joins the imports above the app's creation, so a require runs before the mount;
    // the anchors are then looked up in the file as it is with the import.
    const all = lines(text);
    const created = findLine(text, /(?:const|let|var)\s+\w+\s*=\s*express\(\)/);
    const withImport =
      created > 0
        ? [addImport(all.slice(0, created).join('\n'), importLine, 'js'), ...all.slice(created)].join('\n')
        : addImport(text, importLine, 'js');
    const afterSession = findLastLine(withImport, new RegExp(`^\\s*${app}\\.use\\(passport\\.(session|authenticate)\\(`));
    const firstRoute = findLine(withImport, new RegExp(`^\\s*${app}\\.(use\\(\\s*['"\`]/|(get|post|put|delete|all)\\()`));
    const end = findLine(withImport, new RegExp(`^\\s*(${app}\\.use\\((function|\\(?(err|req)\\b)|${app}\\.listen\\(|module\\.exports|export default)`));
    let edited: string;
    if (afterSession !== -1) edited = insertBeside(withImport, afterSession, mount, 'after');
    else if (firstRoute !== -1) edited = insertBeside(withImport, firstRoute, mount, 'before');
    else if (end !== -1) edited = insertBeside(withImport, end, mount, 'before');
    else return undefined;
    plan.edit(file, () => edited);
    return { file, note: `${file}: imports the route and mounts it with ${app}.use(intercomJwt)` };
  },
  wiring: (data) => {
    const from = `./${data.dir}/intercom-jwt${data.importExt}`;
    const esm = data.esm || data.typescript;
    return [
      `In the file that creates your Express app, with its other ${esm ? 'imports' : 'requires'} (the path is from the project root):`,
      esm ? `  import intercomJwt from '${from}';` : `  const intercomJwt = require('${from}');`,
      'then after the session and Passport middleware (so req.user is set), before your routes and error handlers:',
      '  app.use(intercomJwt);',
    ];
  },
};
