// The shape every target fills in. Adding a framework is one object of this type plus one
// line in ../registry.ts; forgetting a field is a compile error.
import type { Project } from '../project.js';

/** A template under templates/ and the project-relative path it becomes. */
export interface FileSpec {
  template: string;
  to: string;
}

export type Ecosystem = 'npm' | 'pip' | 'gem' | 'composer';

export interface Dependency {
  ecosystem: Ecosystem;
  name: string;
  /** The version constraint written into the manifest, in that ecosystem's syntax. */
  version: string;
  dev?: boolean;
}

export interface BackendAnswers {
  framework: string;
  secretEnvVar: string;
  route: string;
  ttl: number;
  allowedOrigin: string;
  secret: string;
}

export interface BackendTarget {
  label: string;
  /** Extra template data derived from the project (TypeScript, ESM, composer, …). */
  context(project: Project, answers: BackendAnswers): Record<string, unknown>;
  files(data: BackendTemplateData): FileSpec[];
  dependencies(data: BackendTemplateData): Dependency[];
  /** The command that installs the dependencies, for the summary. */
  installCommand(project: Project, data: BackendTemplateData): string | undefined;
  /** How to connect the generated files to the app, one instruction per line. */
  wiring(data: BackendTemplateData): string[];
}

export type BackendTemplateData = BackendAnswers & Record<string, unknown>;
