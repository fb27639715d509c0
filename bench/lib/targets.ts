// What the bench generates: every backend, and every frontend target in the shapes the tests
// build (React and Next in both of their flavours), each from its host fixture.
import type { BackendId, FrontendId } from '../../generators/registry.js';

export interface FrontendCase {
  id: string;
  framework: FrontendId;
  label: string;
  fixture: string;
  flags?: Record<string, string>;
}

export const frontendCases: FrontendCase[] = [
  { id: 'react-ts', framework: 'react', label: 'React (TS, react-router-dom)', fixture: 'frontend/react-ts' },
  { id: 'react-js', framework: 'react', label: 'React (JS, History API)', fixture: 'frontend/react-js' },
  { id: 'next-app', framework: 'next', label: 'Next.js App Router', fixture: 'frontend/next-app', flags: { router: 'app' } },
  { id: 'next-pages', framework: 'next', label: 'Next.js Pages Router', fixture: 'frontend/next-pages', flags: { router: 'pages' } },
  { id: 'vue', framework: 'vue', label: 'Vue 3 (TS, vue-router)', fixture: 'frontend/vue' },
  { id: 'angular', framework: 'angular', label: 'Angular (standalone)', fixture: 'frontend/angular' },
  { id: 'ember', framework: 'ember', label: 'Ember (JS)', fixture: 'frontend/ember/js' },
  { id: 'vanilla', framework: 'vanilla', label: 'Vanilla (static page)', fixture: 'frontend/vanilla' },
];

export interface BackendCase {
  framework: BackendId;
  fixture: string;
}

export const backendCases: BackendCase[] = (['express', 'flask', 'django', 'php', 'rails'] as const).map((framework) => ({
  framework,
  fixture: `backend/${framework}`,
}));

export const WORKSPACE_ID = 'ws4bench';

export const frontendFlags = (c: FrontendCase) => ({ framework: c.framework, workspaceId: WORKSPACE_ID, ...c.flags });

/** Frontend targets whose registry entry is still the React target (adapters being written). */
export async function targetsPointingAtReact(): Promise<{ pointing: FrontendId[]; error?: string }> {
  try {
    const { frontends, frontendIds } = await import('../../generators/registry.js');
    return { pointing: frontendIds.filter((id) => id !== 'react' && frontends[id] === frontends.react) };
  } catch (error) {
    return { pointing: [], error: String(error) };
  }
}
