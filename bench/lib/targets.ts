// What the bench generates: every backend, and every frontend target in the shapes the tests
// build (React and Next in both of their flavours), each from its host descriptor.
import { backendIds, frontendIds, type BackendId, type FrontendId } from '../../generators/registry.js';
import { backendHost, frontendHost, type FrontendCase as HostCase } from '../../tests/helpers/hosts.js';

export interface FrontendCase extends HostCase {
  framework: FrontendId;
}

export const frontendCases: FrontendCase[] = frontendIds.flatMap((framework) => frontendHost(framework).cases.map((c) => ({ ...c, framework })));

export interface BackendCase {
  framework: BackendId;
  fixture: string;
}

export const backendCases: BackendCase[] = backendIds.map((framework) => ({ framework, fixture: backendHost(framework).fixture }));

/** One case per target: every backend, and each frontend's representative shape (its host's first case). */
export const representativeCases: string[] = [...backendIds, ...frontendIds.map((id) => frontendHost(id).cases[0].id)];

export const WORKSPACE_ID = 'ws4bench';

export const frontendFlags = (c: FrontendCase) => ({ framework: c.framework, workspaceId: WORKSPACE_ID, ...c.flags });
