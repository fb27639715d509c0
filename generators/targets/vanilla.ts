import path from 'node:path';
import type { FrontendTarget } from './types.js';

const posix = (p: string) => p.split(path.sep).join('/');
/**
 * The two tags before </body>, root-absolute so that every URL of the site (a deep link such as
 * /docs/page included) loads the same files; basePath is where the page's folder is served.
 * The preload hint fetches the core alongside start.js instead of after it: one round trip less.
 */
export const messengerTags = (basePath = '/') => [
  `<link rel="modulepreload" href="${basePath}intercom/messenger.js">`,
  `<script type="module" src="${basePath}intercom/start.js"></script>`,
];

export const vanilla: FrontendTarget = {
  label: 'plain HTML and JavaScript',
  detect: (project) => project.findFile(['index.html', 'public/index.html']) !== undefined,
  generic: true,
  context: (_project, answers) => {
    const dir = posix(path.dirname(answers.htmlFile ?? 'index.html'));
    return { typescript: false, ext: 'js', dir: dir === '.' ? '' : `${dir}/` };
  },
  core: (data) => `${data.dir}intercom/messenger.js`,
  files: (data) => [{ template: 'frontend/vanilla/intercom/start.js.hbs', to: `${data.dir}intercom/start.js` }],
  check: (project, answers) => {
    const html = project.read(answers.htmlFile ?? 'index.html');
    if (html === undefined) {
      return [`--htmlFile ${answers.htmlFile}: no such file in ${project.root}. Pass the page to install into, e.g. -- --htmlFile public/index.html`];
    }
    if (!/<\/body>/i.test(html)) {
      return [`--htmlFile ${answers.htmlFile} has no </body> tag to put the Messenger script before. Add one, or pass another page with -- --htmlFile`];
    }
    return [];
  },
  wire: (plan, _project, data) => {
    const file = data.htmlFile!;
    const [preloadTag, tag] = messengerTags(data.basePath);
    plan.edit(file, (html) => {
      if (!html || html.includes(tag)) return html;
      // Before the last </body>, indented like the line that holds it.
      const at = html.toLowerCase().lastIndexOf('</body>');
      const lineStart = html.lastIndexOf('\n', at) + 1;
      const indent = /^[ \t]*/.exec(html.slice(lineStart, at))?.[0] ?? '';
      const inner = html.slice(lineStart, at).trim() === '' ? `${indent}  ` : indent;
      const snippet = `${inner}${preloadTag}\n${inner}${tag}\n`;
      return `${html.slice(0, lineStart)}${snippet}${html.slice(lineStart)}`;
    });
    return { file, note: `${file} loads intercom/start.js before </body>` };
  },
  wiring: (data) => [
    `Before </body> of ${data.htmlFile}: ${messengerTags(data.basePath).join(' ')}`,
  ],
  usage: () => [
    'After a sign-in that does not reload the page, call IntercomMessenger.boot(); call IntercomMessenger.logout() before you clear the session.',
  ],
};
