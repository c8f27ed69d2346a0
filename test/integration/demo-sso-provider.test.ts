/**
 * The demo's stand-in identity provider: a signing key of its own on each start, and one line of
 * ours instead of oidc-provider's warnings about its development conveniences.
 */
import { afterEach, expect, it } from 'vitest';
import { startTestProvider, type TestProvider } from '../../server/demo/oidc-provider';

const providers: TestProvider[] = [];
const realWarn = console.warn;
afterEach(async () => {
  console.warn = realWarn;
  for (const provider of providers.splice(0)) await provider.close();
});

async function signingKeys(issuer: string): Promise<{ kid: string; alg: string; kty: string }[]> {
  const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as { jwks_uri: string };
  return ((await (await fetch(discovery.jwks_uri)).json()) as { keys: { kid: string; alg: string; kty: string }[] })
    .keys;
}

it('starts with a signing key of its own and says once that it is a development provider, without oidc-provider warnings', async () => {
  const warnings: unknown[][] = [];
  const collect = (...args: unknown[]) => void warnings.push(args);
  console.warn = collect;
  const start = () => startTestProvider({ publicUrl: 'http://127.0.0.1:4399', people: {} });
  providers.push(await start(), await start());
  expect(console.warn).toBe(collect);
  const lines = warnings.map((args) => String(args[0]));
  expect(lines.filter((line) => line.includes('oidc-provider'))).toEqual([]);
  expect(lines).toEqual([
    'single sign-on: the stand-in identity provider is a development one (in memory, any password)',
    'single sign-on: the stand-in identity provider is a development one (in memory, any password)',
  ]);
  const [first, second] = await Promise.all(providers.map((p) => signingKeys(p.issuer)));
  expect(first).toHaveLength(1);
  expect(first![0]).toMatchObject({ kty: 'RSA', alg: 'RS256' });
  expect(second![0]!.kid).not.toBe(first![0]!.kid);
});
