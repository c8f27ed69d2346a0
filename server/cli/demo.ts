/** npm run demo: Roomwatch with simulated Zoom traffic, for a first look without a Zoom account. */
import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { loadConfig } from '../config';
import { DEMO_ADMIN_PASSWORD, DEMO_DATABASE, DEMO_SECRET, startDemo } from '../demo/demo';
import { startupProblem } from '../start';
import { port, positiveNumber, wholeNumber } from '../text-values';
import { parseFlags, runCli } from './args';

const USAGE = `Usage: npm run demo -- [--seed N] [--rate X] [--port P]

Starts Roomwatch on a fresh ${DEMO_DATABASE} (deleted on every start) and posts simulated Zoom
traffic to its signed webhook endpoint: meetings and a webinar, waiting rooms, breakout rooms,
screen sharing, recordings, alerts; meetings end and new ones start. Some webhooks are lost, as
with Zoom, and repair corrects the picture from a fake Zoom REST API. Ctrl-C stops it.

  --seed N   the same seed gives the same meetings, people and events (default: a random one, printed)
  --rate X   how busy: everything happens X times as often (default 1, the pace of real meetings)
  --port P   HTTP port (default: PORT, else 3000)

Environment: HOST; ZOOM_WEBHOOK_SECRET_TOKEN (default ${DEMO_SECRET});
ROOMWATCH_ADMIN_PASSWORD (default ${DEMO_ADMIN_PASSWORD}).`;

const flagsSchema = z.object({
  seed: wholeNumber.optional(),
  rate: positiveNumber.refine((n) => n <= 1000, 'must be at most 1000').optional(),
  port: port.optional(),
});

const STATUS_EVERY_MS = 60_000;
const REPORTED_FAILURES = 5;

async function main(): Promise<number | 'help'> {
  const flags = parseFlags(
    process.argv.slice(2),
    { seed: { type: 'string' }, rate: { type: 'string' }, port: { type: 'string' } },
    flagsSchema,
  );
  if (flags === 'help') return 'help';
  const env = process.env;
  const config = loadConfig({
    ...env,
    DATABASE_PATH: DEMO_DATABASE,
    PORT: flags.port === undefined ? env.PORT : String(flags.port),
    ZOOM_WEBHOOK_SECRET_TOKEN: env.ZOOM_WEBHOOK_SECRET_TOKEN || DEMO_SECRET,
    ROOMWATCH_ADMIN_PASSWORD: env.ROOMWATCH_ADMIN_PASSWORD || DEMO_ADMIN_PASSWORD,
  });
  // the admin user is created from it on the first start of a database, and the demo's is always new
  env.ROOMWATCH_ADMIN_PASSWORD = config.adminPassword;
  const seed = flags.seed ?? randomInt(1_000_000);
  const rate = flags.rate ?? 1;
  let failures = 0;
  const demo = await startDemo({
    config,
    seed,
    rate,
    onFailure: (reason) => {
      failures++;
      if (failures <= REPORTED_FAILURES) console.error(`demo: a webhook post failed: ${reason}`);
    },
  });
  const secret = config.webhookSecrets[0]!;
  const again = rate === 1 ? `--seed ${seed}` : `--seed ${seed} --rate ${rate}`;
  console.log(`Roomwatch demo on ${demo.url}
  login:     admin / ${config.adminPassword}
  database:  ${DEMO_DATABASE} (deleted on every start)
  traffic:   seed ${seed}, rate ${rate} (npm run demo -- ${again} gives the same traffic)
  webhooks:  ${demo.url}/webhooks/zoom, secret "${secret}"
  zoom api:  ${demo.zoom.apiUrl} (a fake answering from the simulation: Zoom loses some webhooks, repair fixes them)
Ctrl-C stops it.`);
  const status = setInterval(() => {
    const { sent, failed, backlog } = demo.driver.stats;
    const live = demo.application.live.list(new Set(['live'])).length;
    const repairs = (demo.application.repairer?.status().accounts ?? [])
      .flatMap((a) => Object.values(a.corrections))
      .reduce((n, c) => n + c, 0);
    console.log(
      `${new Date().toISOString()}  ${sent} webhooks posted, ${failed} failed, ${backlog} waiting; ${live} meetings live; ${repairs} repairs`,
    );
  }, STATUS_EVERY_MS);
  status.unref();
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  clearInterval(status);
  console.log('stopping the demo…');
  await demo.close();
  return 0;
}

void runCli('demo', USAGE, main, (error) => {
  const problem = startupProblem(error);
  return problem?.includes('already in use') ? `${problem} (choose another with --port)` : problem;
});
