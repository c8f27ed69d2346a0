/**
 * npm run dev: the server (restarted on change by tsx watch) and Vite's dev server with hot reload,
 * which proxies /api, /webhooks and /socket.io to the server. Stops both on Ctrl-C.
 */
import { spawn, type ChildProcess } from 'node:child_process';

const env = {
  ...process.env,
  ZOOM_WEBHOOK_SECRET_TOKEN: process.env.ZOOM_WEBHOOK_SECRET_TOKEN ?? 'dev-secret',
  DATABASE_PATH: process.env.DATABASE_PATH ?? './data/dev.db',
};

const children: ChildProcess[] = [
  spawn('npx', ['tsx', 'watch', '--clear-screen=false', 'server/main.ts'], { stdio: 'inherit', env }),
  spawn('npx', ['vite'], { stdio: 'inherit', env }),
];

function stop(code: number): void {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exitCode = code;
}

for (const child of children) child.on('exit', (code) => stop(code ?? 0));
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
