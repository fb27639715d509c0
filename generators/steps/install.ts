// `--install true`: the dependencies' install command, run once the files are written.
import { spawnSync } from 'node:child_process';
import type { Project } from '../project.js';

/** Runs the install command in the project; its output goes to the terminal. */
export function runInstall(project: Project, command: string): string[] {
  const result = spawnSync(command, { cwd: project.root, shell: true, stdio: 'inherit' });
  return result.status === 0
    ? [`Installed: ${command}`]
    : [`The install command failed (exit ${result.status}): run it yourself in ${project.root}: ${command}`];
}
