import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // the server project compiles the dashboard's store for the server (integration tests drive it
  // over real sockets: same logic, no reactivity); the web project compiles it for the browser
  plugins: [svelte({ configFile: false })],
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: 'server', include: ['test/**/*.test.ts'], exclude: ['test/unit/web/**', 'test/e2e/**'] },
      },
      {
        // the dashboard's .svelte.ts stores, compiled for the browser (reactive runes)
        extends: true,
        resolve: { conditions: ['browser'] },
        test: {
          name: 'web',
          include: ['test/unit/web/**/*.test.ts'],
          environment: './test/support/client-environment.ts',
        },
      },
      {
        // the built dashboard in a real Chromium against a real server
        extends: true,
        test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], globalSetup: ['./test/e2e/global-setup.ts'] },
      },
    ],
  },
});
