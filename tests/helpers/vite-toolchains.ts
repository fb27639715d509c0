// The Vite toolchains that the React and Vue host tests and starter tests share: one spec each,
// so both test files use one install.
import { toolchain } from './toolchains.js';

/** React 19 + react-router-dom 7 + Vite 8 + @vitejs/plugin-react 6 + TypeScript 5.9, and oxlint, create-vite's linter. */
export const reactToolchain = () =>
  toolchain({
    name: 'react',
    packageJson: {
      private: true,
      type: 'module',
      dependencies: { react: '^19.3.1', 'react-dom': '^19.3.1', 'react-router-dom': '^7.18.6' },
      devDependencies: {
        '@types/react': '^19.3.0',
        '@types/react-dom': '^19.3.0',
        '@vitejs/plugin-react': '^6.3.0',
        oxlint: '^1.88.0',
        typescript: '~5.9.3',
        vite: '^8.3.8',
      },
    },
  });

/** Vue 3.5 + vue-router 4 (5 warns on Node 20) + Vite 8 + vue-tsc, and create-vue's ESLint + oxlint setup. */
export const vueToolchain = () =>
  toolchain({
    name: 'vue',
    packageJson: {
      name: 'vue-toolchain',
      private: true,
      type: 'module',
      dependencies: { vue: '~3.5.45', 'vue-router': '^4.6.5' },
      devDependencies: {
        '@types/node': '^20.19.43',
        '@vitejs/plugin-vue': '^6.0.11',
        '@vue/eslint-config-typescript': '^14.7.0',
        '@vue/tsconfig': '^0.9.1',
        eslint: '^10.2.1',
        'eslint-plugin-oxlint': '~1.60.0',
        'eslint-plugin-vue': '~10.8.0',
        jiti: '^2.6.1',
        oxlint: '~1.60.0',
        typescript: '~5.9.3',
        vite: '^8.3.8',
        'vue-tsc': '^3.3.14',
      },
    },
  });
