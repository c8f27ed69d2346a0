/**
 * A real OpenID Connect provider for the demo and the single sign-on tests (oidc-provider, a
 * development dependency, with its development sign-in pages: any password is accepted for the
 * people given). It listens on `localhost`, so that it is another site than a Roomwatch on
 * 127.0.0.1, as a real provider is.
 */
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
  const provider = new Provider(issuer, {
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
  });
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
