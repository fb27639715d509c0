import type { BackendTarget } from './types.js';

export const express: BackendTarget = {
  label: 'Express (Node.js)',
  context: (project) => {
    const typescript = project.typescript;
    return {
      typescript,
      esm: project.esm,
      ext: typescript ? 'ts' : 'js',
      dir: project.firstDir(['src/routes', 'routes'], project.has('src') ? 'src/routes' : 'routes'),
      claimSyntax: { quote: '', separator: ': ' },
      claimExprs: { user_id: 'String(user.id)', email: 'user.email', name: 'user.name', iat: 'now', exp: 'now + TOKEN_TTL_SECONDS' },
    };
  },
  files: (data) => [{ template: 'backend/express/routes/intercom-jwt.[ext].hbs', to: `${data.dir}/intercom-jwt.${data.ext}` }],
  dependencies: (data) => [
    { ecosystem: 'npm', name: 'jsonwebtoken', version: '^9.0.2' },
    ...(data.typescript ? [{ ecosystem: 'npm' as const, name: '@types/jsonwebtoken', version: '^9.0.6', dev: true }] : []),
  ],
  installCommand: (project, data) =>
    [project.addCommand(['jsonwebtoken']), data.typescript ? project.addCommand(['@types/jsonwebtoken'], true) : '']
      .filter(Boolean)
      .join(' && '),
  wiring: (data) => {
    const from = `./${data.dir}/intercom-jwt${data.typescript ? '' : '.js'}`;
    return [
      data.esm || data.typescript
        ? `import intercomJwt from '${from}';`
        : `const intercomJwt = require('${from}');`,
      'app.use(intercomJwt); // after the session and Passport middleware, so req.user is set',
    ];
  },
};
