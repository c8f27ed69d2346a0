/**
 * Who may import whom: the rules of ARCHITECTURE.md, checked by `npm run check:deps` (part of
 * `npm run verify`). A rule here and its sentence there change together.
 */
const SERVER_ROOT_FILES = '^server/(clock|paths|text-values)\\.ts$';

/**
 * One module per aggregate (ARCHITECTURE.md, Persistence): the only code that reads or writes its
 * tables, hence the only code that imports the schema (besides db/, which opens and migrates).
 */
const REPOSITORIES = [
  'events/event-log', // the event log
  'state/state-tables', // meeting state
  'alerts/store', // alerts, their transitions and snoozes
  'alerts/user-settings', // alert settings
  'auth/users', // users
  'auth/sessions', // sessions
  'audit/audit-log', // the audit log
  'notify/channels', // notification channels
  'notify/outbox', // the outbox and delivery log
  'history/checkpoints', // checkpoints
  'ingest/quarantine', // the quarantine
  'repair/status-store', // what repair did per Zoom account
  'repair/budget-store', // what repair's budget spent on Zoom's day
];

/** A folder of server/ that may import only the listed folders of server/ (and shared/, and packages). */
const onlyFrom = (name, folder, allowed, comment) => ({
  name,
  comment,
  severity: 'error',
  from: { path: `^server/${folder}/` },
  to: { path: '^server/', pathNot: [`^server/(${[folder, ...allowed].join('|')})/`, SERVER_ROOT_FILES] },
});

module.exports = {
  forbidden: [
    {
      name: 'shared-stands-alone',
      comment: 'shared/ is read by the server and the browser alike: it imports neither.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '^(server|web)/' },
    },
    {
      name: 'web-not-server',
      comment: 'The dashboard talks to the server over HTTP and the socket only; what both need is in shared/.',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^server/' },
    },
    {
      name: 'server-not-web',
      comment:
        'The server imports nothing of the dashboard but its addresses (web/src/lib/routes.ts), which notification links must match.',
      severity: 'error',
      from: { path: '^server/' },
      to: { path: '^web/', pathNot: '^web/src/lib/routes\\.ts$' },
    },
    onlyFrom(
      'events-stand-alone',
      'events',
      ['db'],
      'events/ decides what a webhook body is and keeps the log of them: it needs nothing else of the server but db/.',
    ),
    onlyFrom(
      'state-is-the-core',
      'state',
      ['events', 'db'],
      'state/ is the pure core and its tables: it knows no route, no user, no socket. Callers pass what it needs (e.g. an AccountFilter).',
    ),
    {
      name: 'db-knows-only-record-types',
      comment:
        'db/ (schema, open, migrations) types its JSON columns with the records of state/, and imports nothing else of the server.',
      severity: 'error',
      from: { path: '^server/db/' },
      to: { path: '^server/', pathNot: ['^server/db/', '^server/paths\\.ts$', '^server/state/records\\.ts$'] },
    },
    {
      name: 'db-record-types-only',
      comment: 'db/ may name the records of state/, never run its code.',
      severity: 'error',
      from: { path: '^server/db/' },
      to: { path: '^server/state/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'tables-behind-repositories',
      comment:
        'Only the repository of an aggregate touches its tables: everything else asks it (the seam for a second database engine).',
      severity: 'error',
      from: { path: '^server/', pathNot: [`^server/(${REPOSITORIES.join('|')})\\.ts$`, '^server/db/'] },
      to: { path: '^server/db/schema\\.ts$' },
    },
    onlyFrom(
      'http-helpers-stand-alone',
      'http',
      ['ops'],
      'http/ (errors, parameters, bodies, origins) is used by every route; it knows no feature.',
    ),
    onlyFrom(
      'ingest-knows-no-listener',
      'ingest',
      ['events', 'state', 'db', 'http', 'ops'],
      'ingest/ appends and applies; what happens next (alerts, history, sockets, repair) subscribes to it in app.ts.',
    ),
    {
      name: 'alerts-not-the-wire',
      comment:
        "alerts/ decides alerts; how they travel to browsers is realtime/'s business (server/realtime, shared/realtime).",
      severity: 'error',
      from: { path: '^server/alerts/' },
      to: { path: '^(server|shared)/realtime/' },
    },
    {
      name: 'wire-protocol-in-realtime',
      comment: 'shared/realtime/ is the socket protocol: on the server, only realtime/ speaks it.',
      severity: 'error',
      from: { path: '^server/', pathNot: '^server/realtime/' },
      to: { path: '^shared/realtime/' },
    },
    {
      name: 'routes-are-mounted-not-imported',
      comment: "A feature's routes.ts is mounted by app.ts; what another feature needs lives in a module of its own.",
      severity: 'error',
      from: { path: '^server/', pathNot: '^server/app\\.ts$' },
      to: { path: '^server/[^/]+/routes\\.ts$' },
    },
    {
      name: 'one-composition-root',
      comment:
        'app.ts wires the server together and start.ts runs it: only the command-line tools (cli/, demo/) import them.',
      severity: 'error',
      from: { path: '^server/', pathNot: ['^server/(cli|demo)/', '^server/(app|start|main)\\.ts$'] },
      to: { path: '^server/(app|start|main)\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.svelte'] },
  },
};
