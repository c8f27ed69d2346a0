/**
 * A real OpenID Connect provider for the demo and the single sign-on tests (oidc-provider, a
 * development dependency, with its development sign-in pages: any password is accepted for the
 * people given). It listens on `localhost`, so that it is another site than a Roomwatch on
 * 127.0.0.1, as a real provider is.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface Person {
  email: string;
  groups: string[];
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

/** oidc-provider's warnings about its development conveniences, which this provider uses on purpose */
const DEVELOPMENT_WARNING = 'oidc-provider WARNING: a quick start development-only ';

/**
 * Runs `make` without oidc-provider's warnings about its in-memory store and development sign-in
 * pages (it has no option to silence them, and they alarm a first-time user of the demo), saying
 * once instead what this provider is; console.warn is restored as soon as `make` returns.
 */
function quietly<T>(make: () => T): T {
  const warn = console.warn;
  let told = false;
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] !== 'string' || !args[0].includes(DEVELOPMENT_WARNING)) return warn(...args);
    if (!told) warn('single sign-on: the stand-in identity provider is a development one (in memory, any password)');
    told = true;
  };
  try {
    return make();
  } finally {
    console.warn = warn;
  }
}

/** A signing key of its own, made on each start: no development key shipped with oidc-provider is used. */
function signingKey() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), use: 'sig', alg: 'RS256' };
}

export async function startTestProvider(options: {
  /** where Roomwatch is reached: its callback and where sign-out comes back to */
  publicUrl: string;
  people: Record<string, Person>;
}): Promise<TestProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  const issuer = `http://localhost:${(server.address() as AddressInfo).port}`;
  const clientId = 'roomwatch';
  const clientSecret = 'a client secret only these tests know';
  const jwks = { keys: [signingKey()] };
  const provider = quietly(
    () =>
      new Provider(issuer, {
        jwks,
        clients: [
          {
            client_id: clientId,
            client_secret: clientSecret,
            redirect_uris: [`${options.publicUrl}/auth/oidc/callback`],
            post_logout_redirect_uris: [`${options.publicUrl}/`],
            grant_types: ['authorization_code'],
            response_types: ['code'],
          },
        ],
        claims: { openid: ['sub'], profile: ['preferred_username', 'groups'], email: ['email'] },
        findAccount: (_ctx, id) => {
          const person = options.people[id];
          if (!person) return undefined;
          return {
            accountId: id,
            claims: () => ({ sub: id, preferred_username: id, email: person.email, groups: person.groups }),
          };
        },
        features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
        pkce: { required: () => true },
        cookies: { keys: ['cookie signing key of the test provider'] },
      }),
  );
  const handle = provider.callback();
  // Koa answers its own errors (500) before the promise settles: nothing is left to await
  server.on('request', (request, response) => void handle(request, response));
  return {
    issuer,
    clientId,
    clientSecret,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
