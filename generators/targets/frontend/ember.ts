import { defineFrontend } from '../types.js';

export const ember = defineFrontend({
  label: 'Ember',
  detect: (project) => project.dependsOn('ember-source'),
  context: (project) => {
    const typescript = project.typescript;
    // ember-cli 7's blueprint lints with eslint-plugin-warp-drive, which flags any fetch().
    return { typescript, ext: typescript ? 'ts' : 'js', warpDrive: project.dependsOn('eslint-plugin-warp-drive') };
  },
  corePath: (data) => `app/utils/intercom-messenger.${data.ext}`,
  // app.js's loadInitializers() picks up every module in app/instance-initializers/: nothing to register.
  wiring: (data) => [`app/instance-initializers/intercom.${data.ext} starts the Messenger when the app boots (loadInitializers finds it; FastBoot skips it).`],
  consentCalls: { grant: "the intercom service's grantConsent()", revoke: 'revokeConsent()' },
  usage: (data) => [
    data.typescript
      ? `Where users sign in and out: import type IntercomService from '<app>/services/intercom'; @service declare intercom: IntercomService;`
      : 'Where users sign in and out: @service intercom;',
    `Call this.intercom.login(${data.insecure ? '{ user_id, email }' : ''}) after sign-in and this.intercom.logout() before you clear the session.`,
  ],
});
