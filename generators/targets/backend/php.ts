import type { Project } from '../../project.js';
import { defineBackend, type BackendAnswers } from '../types.js';

/** Composer's vendor folder (config.vendor-dir, else vendor), relative to the project root. */
function vendorDir(project: Project): string {
  try {
    return JSON.parse(project.read('composer.json') ?? '{}').config?.['vendor-dir'] ?? 'vendor';
  } catch {
    return 'vendor';
  }
}

export const php = defineBackend({
  label: 'PHP',
  detect: (project) => project.has('composer.json') || project.filesWithExtension('.php', ['.', 'public']).length > 0,
  context: (project: Project, answers: BackendAnswers) => {
    const composer = project.has('composer.json');
    const docroot = project.firstDir(['public'], '');
    // The file path is the route: the web server's directory index serves <docroot>/<route>/index.php.
    const folders = [docroot, ...answers.route.split('/')].filter(Boolean);
    const vendor = vendorDir(project);
    return {
      composer,
      docroot,
      endpointDir: folders.map((folder) => `${folder}/`).join(''),
      endpointFile: [...folders, 'index.php'].join('/'),
      autoload: vendor.startsWith('/')
        ? `'${vendor}/autoload.php'`
        : `${folders.length ? `dirname(__DIR__, ${folders.length})` : '__DIR__'} . '/${vendor}/autoload.php'`,
      // No spread: unpacking string keys into an array literal needs PHP 8.1; the template adds them with +.
      claimSyntax: { quote: "'", separator: ' => ', trailingComma: true },
      claimExprs: {
        user_id: "(string) $user['id']",
        email: "$user['email'] ?? null",
        name: "$user['name'] ?? null",
        iat: '$now',
        exp: '$now + TOKEN_TTL_SECONDS',
      },
      readAttribute: (name: string) => `$user['${name}'] ?? null`,
      attributesReader: { fn: 'intercom_signed_attributes', user: '$user' },
    };
  },
  dependencies: (data) => (data.composer ? [{ ecosystem: 'composer', name: 'firebase/php-jwt', version: '^6.10' }] : []),
  installCommand: (_project, data) => (data.composer ? 'composer require firebase/php-jwt:^6.10' : undefined),
  wiring: (data) => [
    `${data.endpointFile} answers ${data.route} itself, as the folder's index.php: nothing to register.`,
    `It reads the user from $_SESSION['user']; adapt intercom_current_user() in it if your session holds the user elsewhere.`,
    `Apache's mod_dir (DirectorySlash On) answers ${data.route} with a 301 to ${data.route}/: there, fetch ${data.route}/ (php -S serves both).`,
    `PHP-FPM clears the environment by default: pass ${data.secretEnvVar} with env[${data.secretEnvVar}] = $${data.secretEnvVar} in the pool, or fastcgi_param / SetEnv.`,
  ],
});
