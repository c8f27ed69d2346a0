import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project folder (where package.json is): the server runs from its sources (server/...) and
 * from its build (dist/server/main.js), so paths to drizzle/ and dist/web are found from there.
 */
function findProjectRoot(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error('package.json not found above the server code');
  }
}

export const projectRoot = findProjectRoot();
