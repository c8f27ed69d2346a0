import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [svelte()],
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: 'server', include: ['test/**/*.test.ts'], exclude: ['test/unit/web/**'] },
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
    ],
  },
});
