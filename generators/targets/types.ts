// The shape every target fills in, through defineBackend() / defineFrontend(). Adding a framework
// is one module in backend/ or frontend/ (its file name is the id; ../registry.ts finds it) and its
// templates under templates/<side>/<id>/ (their paths are the destinations); forgetting a field is
// a compile error, and the context a target derives is typed all the way to its wire() and wiring().
import type { ClaimsContext, contract } from '../contract.js';
import type { CspMerged } from '../csp.js';
import type { Answers, Option } from '../options.js';
import type { Project } from '../project.js';
import type { Plan } from '../steps/plan.js';

type Region = FrontendAnswers['region'];

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

/**
 * Options only one target has (Next's router, a plain page's HTML file): asked and accepted only
 * when that target is chosen. `projectOf` gives the target's folder, for project-derived defaults.
 */
export type TargetOptions = (projectOf: (answers: Answers) => Project) => Option[];

/** What detection and the framework option read from every target. */
export interface Detectable {
  label: string;
  /** True when the project looks like this framework, from its own files. */
  detect?(project: Project): boolean;
  /** Ids of targets this one wins over when both match (Next apps depend on react too). */
  before?: readonly string[];
  /** Detected only when no specific framework is (vanilla: any HTML page). */
  generic?: boolean;
  options?: TargetOptions;
}

export type BackendAnswers = BackendFlags & CspAnswers;

/** --csp: merge the Messenger's sources for `region` into the app's Content-Security-Policy; the region option applies, and resolves its default, only then. */
type CspAnswers = { csp: true; region: Region } | { csp?: false; region?: Region };

interface BackendFlags {
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

/** What intercom-backend adds for every backend's templates, besides the answers and the target's context. */
export interface BackendShared {
  contract: typeof contract;
  missingSecretLog: string;
  claimLines: string[];
  attributeLines: string[];
  signedAttributes: string[];
  attributeList: string;
  rerun: string;
}

export type BackendData<Ctx extends ClaimsContext = ClaimsContext, Own extends object = object> = BackendAnswers & Own & Ctx & BackendShared;

export interface BackendTarget<Ctx extends ClaimsContext = ClaimsContext, Own extends object = object> extends Detectable {
  detect(project: Project): boolean;
  /** Template data derived from the project (TypeScript, ESM, composer, …) and how the claims are written. */
  context(project: Project, answers: BackendAnswers & Own): Ctx;
  /**
   * Connects the generated code to the app; undefined when no safe anchor exists (then wiring() is
   * printed). Asynchronous where it first loads a parser.
   */
  wire?(plan: Plan, project: Project, data: BackendAnswers & Own & Ctx): Wiring | undefined | Promise<Wiring | undefined>;
  dependencies(data: BackendData<Ctx, Own>): Dependency[];
  /** The command that installs the dependencies, for the summary. */
  installCommand(project: Project, data: BackendData<Ctx, Own>): string | undefined;
  /** How to connect the generated files to the app, one instruction per line. */
  wiring(data: BackendData<Ctx, Own>): string[];
  /**
   * --csp: merges the Messenger's sources for the region into the app's own Content-Security-Policy
   * configuration, through its syntax tree; undefined when the app has none this can find (then
   * the directives are printed, and `where` says where they go).
   */
  csp?: {
    merge(plan: Plan, project: Project, data: BackendData<Ctx, Own> & { region: Region }): CspMerged | undefined | Promise<CspMerged | undefined>;
    where: string;
  };
  /**
   * What the summary says about the auth library, wired or not: one chosen among several, where the
   * app signs out. Asynchronous where it first loads a parser.
   */
  authNotes?(project: Project, data: BackendData<Ctx, Own>): string[] | Promise<string[]>;
}

export interface FrontendAnswers {
  framework: string;
  workspaceId: string;
  region: 'us' | 'eu' | 'au';
  load: 'eager' | 'idle' | 'interaction';
  launcher?: 'default' | 'facade';
  launcherColor?: string;
  jwtEndpoint: string;
  insecure: boolean;
  /** --consent: nothing loads until grantIntercomConsent(). */
  consent?: boolean;
  /** --csp: print the policy sources the Messenger needs. */
  csp?: boolean;
  wire?: boolean;
  install?: boolean;
}

/** What the client core's template needs from every frontend's context. */
export interface FrontendContext {
  typescript: boolean;
  ext: 'ts' | 'js';
}

/** What intercom-frontend adds for every frontend's templates. */
export interface FrontendShared {
  /** Where the client core is written (corePath()): adapters import it with {{importPath core}}. */
  core: string;
  apiBase: string | undefined;
  regionLabel: string;
  /** --load: when the widget script is requested (eager when neither is set). */
  loadOnIdle: boolean;
  loadOnInteraction: boolean;
  /** --launcher facade */
  facade: boolean;
  /** The JWT endpoint is an absolute URL: the fetch must ask for the session cookie. */
  crossOrigin: boolean;
  rerun: string;
}

export type FrontendData<Ctx extends FrontendContext = FrontendContext, Own extends object = object> = FrontendAnswers & Own & Ctx & FrontendShared;

export interface FrontendTarget<Ctx extends FrontendContext = FrontendContext, Own extends object = object> extends Detectable {
  /** Template data derived from the project: TypeScript, folders, router library, … */
  context(project: Project, answers: FrontendAnswers & Own): Ctx;
  /** Where the client core (templates/frontend/core) is written. */
  corePath(data: FrontendAnswers & Own & Ctx): string;
  /** Problems only this target can see (a missing HTML page, a router the project lacks). */
  check?(project: Project, answers: FrontendAnswers & Own): string[];
  /** Connects the generated code to the app; undefined when no safe anchor exists (then wiring() is printed). */
  wire?(plan: Plan, project: Project, data: FrontendAnswers & Own & Ctx): Wiring | undefined;
  /** How to connect the generated files to the app, one instruction per line. */
  wiring(data: FrontendData<Ctx, Own>): string[];
  /** How the app signs users in and out of the Messenger: printed on every run, wired or not. */
  usage(data: FrontendData<Ctx, Own>): string[];
  /** With --consent, what the app calls to grant and to revoke, where the adapter wraps the core's functions. */
  consentCalls?: { grant: string; revoke: string };
  dependencies?: Dependency[];
}

/**
 * A backend target. `Ctx` is inferred from context(), `Own` from the answers type context() or
 * check() declares for the target's own options; both then type every other member's `data`.
 */
export const defineBackend = <Ctx extends ClaimsContext, Own extends object = object>(target: BackendTarget<Ctx, Own>): BackendTarget<Ctx, Own> =>
  Object.assign(target, { [SIDE]: 'backend' as const });

/** A frontend target; see defineBackend. */
export const defineFrontend = <Ctx extends FrontendContext, Own extends object = object>(target: FrontendTarget<Ctx, Own>): FrontendTarget<Ctx, Own> =>
  Object.assign(target, { [SIDE]: 'frontend' as const });

/** Which define function made a value: how the registry tells a target from a module's helpers. */
export const SIDE = Symbol('intercom target side');
export type Side = 'backend' | 'frontend';
export const sideOf = (value: unknown): Side | undefined => (value as { [SIDE]?: Side } | null)?.[SIDE];
