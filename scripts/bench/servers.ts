/**
 * The servers under test, each in a child process of its own: a clean heap to measure, and a
 * load generator that never shares their event loop. Roomwatch runs exactly as `npm start` runs it.
 */
import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = fileURLToPath(new URL('../..', import.meta.url));
const STOP_TIMEOUT_MS = 15_000;

/** The node arguments of `npm start` (`node ARGS` after the build), so that the bench cannot drift from it. */
function startArguments(): string[] {
  const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const command = /(?:^|&& )node (.+)$/.exec(scripts.start);
  if (!command) throw new Error(`package.json's start script does not end with "node ...": ${scripts.start}`);
  return command[1]!.split(' ').map((arg) => (arg.startsWith('-') ? arg : join(root, arg)));
}

export interface Memory {
  rssMb: number;
  /** the highest RSS so far (null where the OS does not tell) */
  peakMb: number | null;
}

export interface ServerProcess {
  url: string;
  pid: number;
  /** its SQLite file */
  databasePath: string;
  memory(): Promise<Memory>;
  /** SIGTERM, and waits for the exit (a CPU profile is written then) */
  stop(): Promise<void>;
}

/**
 * When profiling, the folder a server writes its CPU profiles to (`node --cpu-prof`): one file per
 * thread, the server's own being the one with thread id 0 (`CPU.<date>.<time>.<pid>.0.<n>.cpuprofile`).
 */
type ProfileDir = string | undefined;

export interface RoomwatchOptions {
  dir: string;
  secret: string;
  adminPassword: string;
  /** ROOMWATCH_REALTIME_TICK_MS; Roomwatch's default when absent */
  tickMs?: number;
  profile?: ProfileDir;
}

/** Roomwatch as `npm start` runs it (the same node flags): the built server (main.ts builds it first). */
export function startRoomwatch(options: RoomwatchOptions): Promise<ServerProcess> {
  const databasePath = roomwatchDatabase(options.dir);
  return spawnServer(startArguments(), databasePath, options.profile, {
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_PATH: databasePath,
    ZOOM_WEBHOOK_SECRET_TOKEN: options.secret,
    ROOMWATCH_ADMIN_PASSWORD: options.adminPassword,
    ROOMWATCH_SHUTDOWN_GRACE_SECONDS: '1',
    ...(options.tickMs === undefined ? {} : { ROOMWATCH_REALTIME_TICK_MS: String(options.tickMs) }),
  });
}

export interface BareOptions {
  dir: string;
  secret: string;
  /** also serve socket.io and send the stamps of each tick to every client (the fan-out baseline) */
  broadcastTickMs?: number;
  profile?: ProfileDir;
}

export function startBare(options: BareOptions): Promise<ServerProcess> {
  const databasePath = join(options.dir, 'bare.db');
  return spawnServer(['--import', 'tsx', join(root, 'scripts/bench/bare-server.ts')], databasePath, options.profile, {
    BENCH_DATABASE_PATH: databasePath,
    ZOOM_WEBHOOK_SECRET_TOKEN: options.secret,
    ...(options.broadcastTickMs === undefined ? {} : { BENCH_BROADCAST_TICK_MS: String(options.broadcastTickMs) }),
  });
}

/** the parent's environment without Roomwatch's settings, so that only the bench's apply */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !/^(ROOMWATCH_|ZOOM_|BENCH_)/.test(name) && !['PORT', 'HOST', 'DATABASE_PATH'].includes(name),
    ),
  );
}

async function spawnServer(
  entry: string[],
  databasePath: string,
  profile: ProfileDir,
  env: Record<string, string>,
): Promise<ServerProcess> {
  const profiling = profile ? ['--cpu-prof', '--cpu-prof-dir', profile] : [];
  const child = spawn(process.execPath, [...profiling, ...entry], {
    cwd: root,
    env: { ...cleanEnv(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ? `killed by ${signal}` : `exit code ${code}`)),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const listening = /listening on (http:\/\/[\d.:]+)/.exec(output);
      if (listening) resolve(listening[1]!);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((how) => reject(new Error(`${entry.at(-1)} ended (${how}) before listening:\n${output}`)));
  });
  // from now on, only problems are worth showing
  child.stdout.removeAllListeners('data').resume();
  child.stderr.removeAllListeners('data').on('data', (chunk: Buffer) => process.stderr.write(chunk));
  let stopping = false;
  void exited.then((how) => {
    if (!stopping) process.stderr.write(`bench: the server under test (${entry.at(-1)}) ended unexpectedly: ${how}\n`);
  });
  const pid = child.pid!;
  return {
    url,
    pid,
    databasePath,
    memory: () => memoryOf(pid),
    stop: async () => {
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function memoryOf(pid: number): Promise<Memory> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
    return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
  } catch {
    // no /proc (macOS): ps knows the current RSS only
    const { stdout } = await promisify(execFile)('ps', ['-o', 'rss=', '-p', String(pid)]);
    return { rssMb: Number(stdout.trim()) / 1024, peakMb: null };
  }
}

/** where a Roomwatch server of the bench keeps its database, in its folder */
export function roomwatchDatabase(dir: string): string {
  return join(dir, 'roomwatch.db');
}
