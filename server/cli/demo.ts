/** npm run demo: Roomwatch with simulated Zoom traffic, for a first look without a Zoom account. */
import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { loadConfig } from '../config';
import { DEMO_ADMIN_PASSWORD, DEMO_DATABASE, DEMO_SECRET, startDemo } from '../demo/demo';
import { startTestProvider } from '../demo/oidc-provider';
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

const SSO_PEOPLE = {
  dana: { email: 'dana@example.com', groups: ['demo-admins'] },
  omar: { email: 'omar@example.com', groups: ['demo-operators'] },
  vera: { email: 'vera@example.com', groups: ['demo-viewers'] },
};
const SSO_GROUPS = {
  'demo-admins': { role: 'admin' },
  'demo-operators': { role: 'operator' },
  'demo-viewers': { role: 'viewer' },
};
const REPORTED_FAILURES = 5;

async function main(): Promise<number | 'help'> {
  const flags = parseFlags(
    process.argv.slice(2),
    { seed: { type: 'string' }, rate: { type: 'string' }, port: { type: 'string' } },
    flagsSchema,
  );
  if (flags === 'help') return 'help';
  const env = process.env;
  const portNumber = flags.port ?? Number(env.PORT || 3000);
  const host = !env.HOST || env.HOST === '0.0.0.0' ? '127.0.0.1' : env.HOST;
  const publicUrl = `http://${host.includes(':') ? `[${host}]` : host}:${portNumber}`;
  // single sign-on against a local provider, as in the tests: no account anywhere needed
  const provider = await startTestProvider({ publicUrl, people: SSO_PEOPLE });
  const config = loadConfig({
    ...env,
    DATABASE_PATH: DEMO_DATABASE,
    PORT: String(portNumber),
    ZOOM_WEBHOOK_SECRET_TOKEN: env.ZOOM_WEBHOOK_SECRET_TOKEN || DEMO_SECRET,
    ROOMWATCH_ADMIN_PASSWORD: env.ROOMWATCH_ADMIN_PASSWORD || DEMO_ADMIN_PASSWORD,
    ROOMWATCH_PUBLIC_URL: publicUrl,
    ROOMWATCH_OIDC_ISSUER: provider.issuer,
    ROOMWATCH_OIDC_CLIENT_ID: provider.clientId,
    ROOMWATCH_OIDC_CLIENT_SECRET: provider.clientSecret,
    ROOMWATCH_OIDC_GROUPS: JSON.stringify(SSO_GROUPS),
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
  login:     admin / ${config.adminPassword} (also operator and viewer, same password)
  SSO:       "Sign in with SSO" as dana (admin), omar (operator) or vera (viewer), any password
  database:  ${DEMO_DATABASE} (deleted on every start)
  traffic:   seed ${seed}, rate ${rate} (npm run demo -- ${again} gives the same traffic)
  webhooks:  ${demo.url}/webhooks/zoom, secret "${secret}"
  notify:    alerts go to local stand-ins for Slack, Teams and a webhook at ${demo.receivers.url}
             (the channels and the delivery log: ${demo.url}/#/notifications)
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
  await provider.close();
  return 0;
}

void runCli('demo', USAGE, main, (error) => {
  const problem = startupProblem(error);
  return problem?.includes('already in use') ? `${problem} (choose another with --port)` : problem;
});
