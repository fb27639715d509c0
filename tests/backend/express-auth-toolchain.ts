// The auth libraries the Express adapters read, and helmet (whose policy --csp merges into),
// installed once per machine and shared: each host app links this node_modules, so the generated
// route and the host run on the real libraries.
import { toolchain } from '../helpers/toolchains.js';

export const expressAuthToolchain = () =>
  toolchain({
    name: 'express-auth',
    packageJson: {
      private: true,
      dependencies: {
        '@clerk/express': '2.1.70',
        express: '5.3.0',
        'express-openid-connect': '3.4.0',
        'express-session': '1.19.0',
        helmet: '8.1.0',
        jsonwebtoken: '9.0.3',
        passport: '0.7.0',
      },
      devDependencies: {
        '@types/express': '5.0.6',
        '@types/express-session': '1.19.0',
        '@types/jsonwebtoken': '9.0.10',
        '@types/passport': '1.0.17',
        typescript: '5.9.3',
      },
    },
  });
