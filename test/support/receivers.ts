/**
 * Local stand-ins for the services notification channels send to, speaking their real protocols:
 * an HTTP receiver (Slack, Teams, a generic webhook) and an SMTP server. Each records what it got.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** the status it was answered with */
  status: number;
}

export interface HttpReceiver {
  /** http://127.0.0.1:port */
  url: string;
  /** every request, the refused ones included */
  requests: ReceivedRequest[];
  /** the requests answered 2xx, their bodies parsed */
  accepted(): unknown[];
  /** the status of the next answers (default 200), e.g. 500 to fail them */
  answer(status: number): void;
  /** stops listening (as if the receiver were down) */
  stop(): Promise<void>;
  /** listens again on the same port */
  restart(): Promise<void>;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

/** An HTTP server that records each POST and answers it with the status set by answer(). */
export async function startHttpReceiver(): Promise<HttpReceiver> {
  const requests: ReceivedRequest[] = [];
  let status = 200;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push({
        path: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        status,
      });
      response.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'receiver failed');
    });
  });
  const port = await listen(server, 0);
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    accepted: () => requests.filter((r) => r.status < 300).map((r) => JSON.parse(r.body) as unknown),
    answer: (next) => {
      status = next;
    },
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
    restart: async () => {
      await listen(server, port);
    },
  };
}

/**
 * Checks a request's Standard Webhooks signature the way a receiver would, independently of
 * Roomwatch's signing code: true when one of the `v1,` signatures matches.
 */
export function verifyStandardWebhook(secret: string, request: ReceivedRequest): boolean {
  const id = request.headers['webhook-id'];
  const timestamp = request.headers['webhook-timestamp'];
  const signatures = request.headers['webhook-signature'];
  if (typeof id !== 'string' || typeof timestamp !== 'string' || typeof signatures !== 'string') return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${request.body}`).digest('base64');
  return signatures.split(' ').some((signature) => signature === `v1,${expected}`);
}

export interface ReceivedMail {
  from: string;
  to: string[];
  /** the whole message as sent (headers and MIME body) */
  raw: string;
}

export interface SmtpReceiver {
  /** smtp://user:password@127.0.0.1:port, for ROOMWATCH_SMTP_URL */
  url: string;
  mails: ReceivedMail[];
  /** while on, each mail is refused with a temporary failure (451) */
  refuse(on: boolean): void;
  close(): Promise<void>;
}

/** An SMTP server (smtp-server) without TLS that takes one user's login and records each mail. */
export async function startSmtpReceiver(user = 'roomwatch', password = 'smtp-secret'): Promise<SmtpReceiver> {
  const mails: ReceivedMail[] = [];
  let refusing = false;
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === user && auth.password === password) callback(null, { user });
      else callback(new Error('invalid credentials'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (refusing) {
          callback(Object.assign(new Error('mailbox busy, try again later'), { responseCode: 451 }));
          return;
        }
        const from = session.envelope.mailFrom;
        mails.push({
          from: from ? from.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.server.address() as AddressInfo).port));
  });
  return {
    url: `smtp://${user}:${password}@127.0.0.1:${port}`,
    mails,
    refuse: (on) => {
      refusing = on;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
