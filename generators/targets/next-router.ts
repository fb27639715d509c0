// Next.js's two routers, shared by the Next.js frontend and backend: the folders that mean each,
// and the --router option whose default comes from them.
import { oneOf, type Answers, type Option } from '../options.js';
import type { Project } from '../project.js';

export const routerDirs = { app: ['app', 'src/app'], pages: ['pages', 'src/pages'] } as const;
export type Router = keyof typeof routerDirs;
export const routers = Object.keys(routerDirs) as Router[];
export const uses = (project: Project, router: Router) => routerDirs[router].some((dir) => project.has(dir));

/** `--router`: the App Router, unless the project has only the Pages Router. */
export const routerOption = (projectOf: (answers: Answers) => Project): Option => ({
  name: 'router',
  message: 'Next.js router',
  kind: 'list',
  choices: routers,
  default: (answers) => (uses(projectOf(answers), 'pages') && !uses(projectOf(answers), 'app') ? 'pages' : 'app'),
  validate: oneOf(routers),
});
