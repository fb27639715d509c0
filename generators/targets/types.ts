// The shape every target fills in. Adding a framework is one object of this type plus one
// line in ../registry.ts; forgetting a field is a compile error.
import type { ClaimsContext } from '../contract.js';
import type { Project } from '../project.js';
import type { Plan } from '../steps/plan.js';

/** A template under templates/ and the project-relative path it becomes. */
export interface FileSpec {
  template: string;
  to: string;
}

/** Where the generated code was connected to the app, by an anchored edit. */
export interface Wiring {
  file: string;
  note: string;
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
  /** Names of user attributes signed as extra claims, comma-separated (`--attributes`). */
  attributes?: string;
  secret: string;
  wire?: boolean;
  install?: boolean;
}

export interface BackendTarget {
  label: string;
  /** True when the project looks like this framework, from its own files. */
  detect(project: Project): boolean;
  /**
   * Connects the generated code to the app; undefined when no safe anchor exists (then wiring() is
   * printed). Asynchronous where it first loads a parser.
   */
  wire?(plan: Plan, project: Project, data: BackendTemplateData): Wiring | undefined | Promise<Wiring | undefined>;
  /** Template data derived from the project (TypeScript, ESM, composer, …) and how the claims are written. */
  context(project: Project, answers: BackendAnswers): ClaimsContext & Record<string, unknown>;
  files(data: BackendTemplateData): FileSpec[];
  dependencies(data: BackendTemplateData): Dependency[];
  /** The command that installs the dependencies, for the summary. */
  installCommand(project: Project, data: BackendTemplateData): string | undefined;
  /** How to connect the generated files to the app, one instruction per line. */
  wiring(data: BackendTemplateData): string[];
}

export type BackendTemplateData = BackendAnswers & Record<string, unknown>;

export interface FrontendAnswers {
  framework: string;
  workspaceId: string;
  region: 'us' | 'eu' | 'au';
  jwtEndpoint: string;
  router?: 'app' | 'pages';
  htmlFile?: string;
  basePath?: string;
  insecure: boolean;
  wire?: boolean;
  install?: boolean;
}

export type FrontendTemplateData = FrontendAnswers & Record<string, unknown>;

export interface FrontendTarget {
  label: string;
  /** True when the project looks like this framework, from its own files. */
  detect?(project: Project): boolean;
  /** Detected only when no specific framework is (vanilla: any HTML page). */
  generic?: boolean;
  /** Connects the generated code to the app; undefined when no safe anchor exists (then wiring() is printed). */
  wire?(plan: Plan, project: Project, data: FrontendTemplateData): Wiring | undefined;
  /** Template data derived from the project: TypeScript, folders, router library, … */
  context(project: Project, answers: FrontendAnswers): Record<string, unknown>;
  /** The client core's destination, and the framework adapter's files. */
  core(data: FrontendTemplateData): string;
  files(data: FrontendTemplateData): FileSpec[];
  /** Problems only this target can see (a missing HTML page, a router the project lacks). */
  check?(project: Project, answers: FrontendAnswers): string[];
  /** How to connect the generated files to the app, one instruction per line. */
  wiring(data: FrontendTemplateData): string[];
  /** How the app signs users in and out of the Messenger: printed on every run, wired or not. */
  usage(data: FrontendTemplateData): string[];
  dependencies?: Dependency[];
}
