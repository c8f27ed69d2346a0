import type { Environment } from 'vitest/environments';

/**
 * Node, but modules are transformed as for the browser: Svelte compiles runes for the client and
 * packages resolve to their browser builds, so the dashboard's stores run here as in the page.
 */
export default {
  name: 'client-in-node',
  viteEnvironment: 'client',
  setup: () => ({ teardown: () => {} }),
} satisfies Environment;
