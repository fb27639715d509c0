import path from 'node:path';
import { keepIfParses } from '../../syntax/guard.js';
import { attribute, elements, html as htmlSyntax, parsePage } from '../../syntax/html.js';
import { indentAt, lineStart, lineEnding, startsLine } from '../../syntax/javascript.js';
import { applyInsertions, type Insertion } from '../../syntax/insert.js';
import * as validate from '../../validators.js';
import { defineFrontend, type FrontendAnswers } from '../types.js';

const posix = (p: string) => p.split(path.sep).join('/');
/**
 * The two tags before </body>, root-absolute so that every URL of the site (a deep link such as
 * /docs/page included) loads the same files; basePath is where the page's folder is served.
 * The preload hint fetches the core alongside start.js instead of after it: one round trip less.
 */
const startScript = (basePath = '/') => `${basePath}intercom/start.js`;
export const messengerTags = (basePath = '/') => [
  `<link rel="modulepreload" href="${basePath}intercom/messenger.js">`,
  `<script type="module" src="${startScript(basePath)}"></script>`,
];

/**
 * The end tag the tags go before: </body> as written (any case), else </html> (the parser then
 * puts them at the end of the body); with where the body's last element starts, for its indentation.
 */
function closingTag(text: string): { at: number; lastElement?: number } | undefined {
  const { document } = parsePage(text);
  const all = elements(document);
  const body = all.find((e) => e.tagName === 'body');
  const end = body?.sourceCodeLocation?.endTag ?? all.find((e) => e.tagName === 'html')?.sourceCodeLocation?.endTag;
  if (!end) return undefined;
  const last = body?.childNodes.filter((n) => 'tagName' in n && n.sourceCodeLocation).at(-1);
  return { at: end.startOffset, lastElement: last?.sourceCodeLocation?.startOffset };
}

/** Wired: the page has the start.js module script. */
const loadsStart = (text: string, src: string) => elements(parsePage(text).document).some((e) => e.tagName === 'script' && attribute(e, 'src') === src);

/**
 * The two tags before the closing tag: on lines of their own, indented like the body's last
 * element (else one level deeper than the tag), when the tag starts its line; inline otherwise.
 * Undefined when the page has no closing tag, or the edit would add a parse error.
 */
function addTags(text: string, tags: string[], src: string): string | undefined {
  const close = closingTag(text);
  if (!close) return undefined;
  const eol = lineEnding(text);
  let insertion: Insertion;
  if (startsLine(text, close.at)) {
    const indent = indentAt(text, close.at);
    const inner = close.lastElement !== undefined && startsLine(text, close.lastElement) ? indentAt(text, close.lastElement) : `${indent}  `;
    insertion = { at: lineStart(text, close.at), text: tags.map((tag) => `${inner}${tag}${eol}`).join('') };
  } else insertion = { at: close.at, text: tags.join('') };
  const edited = keepIfParses(htmlSyntax, text, applyInsertions(text, [insertion]));
  return edited !== undefined && loadsStart(edited, src) ? edited : undefined;
}

export const vanilla = defineFrontend({
  label: 'plain HTML and JavaScript',
  detect: (project) => project.findFile(['index.html', 'public/index.html']) !== undefined,
  generic: true,
  options: (projectOf) => [
    {
      name: 'htmlFile',
      message: 'HTML page to install into',
      kind: 'input',
      default: (answers) => projectOf(answers).findFile(['index.html', 'public/index.html', 'src/index.html']) ?? 'index.html',
    },
    {
      name: 'basePath',
      message: 'URL path where the page is served (its intercom/ folder is loaded from there)',
      kind: 'input',
      default: () => '/',
      validate: validate.basePath,
      parse: (value) => value.replace(/\/?$/, '/'),
      hint: 'e.g. -- --basePath /docs/ when the page is served at https://example.com/docs/',
    },
  ],
  context: (_project, answers: FrontendAnswers & { htmlFile: string; basePath: string }) => {
    const dir = posix(path.dirname(answers.htmlFile));
    // The browser loads these modules as they are: imports between them keep their .js.
    return { typescript: false, ext: 'js', dir: dir === '.' ? '' : `${dir}/`, importExtensions: true };
  },
  corePath: (data) => `${data.dir}intercom/messenger.js`,
  check: (project, answers) => {
    const html = project.read(answers.htmlFile);
    if (html === undefined) {
      return [`--htmlFile ${answers.htmlFile}: no such file in ${project.root}. Pass the page to install into, e.g. -- --htmlFile public/index.html`];
    }
    if (!closingTag(html)) {
      return [
        `--htmlFile ${answers.htmlFile} has no </body> (or </html>) tag to put the Messenger script before. Add one, or pass another page with -- --htmlFile`,
      ];
    }
    return [];
  },
  wire: (plan, _project, data) => {
    const file = data.htmlFile;
    const text = plan.read(file);
    if (text === undefined) return undefined;
    const src = startScript(data.basePath);
    if (loadsStart(text, src)) return { file, note: `${file} already loads intercom/start.js` };
    const edited = addTags(text, messengerTags(data.basePath), src);
    if (edited === undefined) return undefined;
    plan.edit(file, () => edited);
    return { file, note: `${file} loads intercom/start.js before </body>` };
  },
  wiring: (data) => [`Before </body> of ${data.htmlFile}: ${messengerTags(data.basePath).join(' ')}`],
  consentCalls: { grant: 'IntercomMessenger.grantConsent()', revoke: 'IntercomMessenger.revokeConsent()' },
  usage: () => ['After a sign-in that does not reload the page, call IntercomMessenger.login(); call IntercomMessenger.logout() before you clear the session.'],
});
