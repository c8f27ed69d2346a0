/**
 * Single sign-on with OpenID Connect (openid-client): authorization code with PKCE, state and nonce.
 *
 * GET /auth/oidc/login sends the browser to the provider; the provider sends it back to
 * GET /auth/oidc/callback, which checks state, nonce and PKCE (openid-client), maps the configured
 * claim to a role and Zoom accounts, creates the user on first sign-in (updates role and accounts on
 * the next ones), starts a Roomwatch session and goes to the dashboard. What a sign-in needs between
 * the two requests is kept here, under a random id in a short-lived cookie of this browser (SameSite
 * Lax: the provider's redirect back is a cross-site navigation), so a callback only completes a
 * sign-in that this browser started, once. Failures go back to the sign-in page with `?sso=<why>`.
 */
import { randomBytes } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import * as oidc from 'openid-client';
import type { Auth, AuthEnv } from './auth';
import { startSession } from './session-cookie';
import { clientOf } from './client';
import { grantOf, type OidcSettings } from './oidc-settings';
import { usernameSchema } from './password';
import { UserError } from './users';

const FLOW_COOKIE = 'roomwatch_oidc';
/** where the sign-in flow's routes are mounted, and its cookie's path */
export const FLOW_PATH = '/auth/oidc';
/** How long the person may take at the provider. */
const FLOW_TTL_MS = 10 * 60_000;
/** Sign-ins under way at once; beyond, the oldest are forgotten (a flood of /login cannot exhaust memory). */
const MAX_FLOWS = 10_000;

/** Why a sign-in went back to the sign-in page (`?sso=`); Login.svelte words each. */
export type SsoFailure = 'expired' | 'refused' | 'not_allowed' | 'unavailable';

interface Flow {
  state: string;
  nonce: string;
  verifier: string;
  expiresAt: number;
}

export class OidcSignIn {
  private config: Promise<oidc.Configuration> | null = null;
  private readonly flows = new Map<string, Flow>();

  constructor(
    private readonly settings: OidcSettings,
    private readonly auth: Auth,
    private readonly now: () => number,
  ) {}

  get redirectUri(): string {
    return `${this.settings.publicUrl}/auth/oidc/callback`;
  }

  /** The provider's metadata, discovered on first use (and again after a failure). */
  private configuration(): Promise<oidc.Configuration> {
    this.config ??= oidc
      .discovery(
        new URL(this.settings.issuer),
        this.settings.clientId,
        this.settings.clientSecret,
        undefined,
        // settings allow http:// issuers only on localhost
        this.settings.issuer.startsWith('http://') ? { execute: [oidc.allowInsecureRequests] } : undefined,
      )
      .catch((error: unknown) => {
        this.config = null;
        throw error;
      });
    return this.config;
  }

  /** Where the browser goes to end the provider's session too; null when the provider has no end_session_endpoint. */
  async endSessionUrl(): Promise<string | null> {
    const config = await this.configuration();
    if (!config.serverMetadata().end_session_endpoint) return null;
    return oidc
      .buildEndSessionUrl(config, {
        client_id: this.settings.clientId,
        post_logout_redirect_uri: `${this.settings.publicUrl}/`,
      })
      .toString();
  }

  routes(): Hono<AuthEnv> {
    const app = new Hono<AuthEnv>();
    app.get('/login', async (c) => {
      let config: oidc.Configuration;
      try {
        config = await this.configuration();
      } catch (error) {
        console.error('single sign-on: the provider cannot be reached', error);
        return this.back(c, 'unavailable');
      }
      const flow: Flow = {
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        verifier: oidc.randomPKCECodeVerifier(),
        expiresAt: this.now() + FLOW_TTL_MS,
      };
      const id = randomBytes(32).toString('base64url');
      this.remember(id, flow);
      setCookie(c, FLOW_COOKIE, id, {
        httpOnly: true,
        sameSite: 'Lax',
        path: FLOW_PATH,
        secure: this.settings.publicUrl.startsWith('https://'),
        maxAge: FLOW_TTL_MS / 1000,
      });
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: this.redirectUri,
        scope: 'openid profile email',
        code_challenge: await oidc.calculatePKCECodeChallenge(flow.verifier),
        code_challenge_method: 'S256',
        state: flow.state,
        nonce: flow.nonce,
      });
      return c.redirect(url.toString(), 302);
    });

    app.get('/callback', async (c) => {
      const id = getCookie(c, FLOW_COOKIE);
      const flow = id === undefined ? undefined : this.flows.get(id);
      if (id !== undefined) this.flows.delete(id);
      deleteCookie(c, FLOW_COOKIE, { path: FLOW_PATH });
      const ip = clientOf(c, this.auth.trustProxy).ip;
      const failed = (reason: SsoFailure, detail: string, actor: string | null = null) => {
        this.auth.audit.record({ actor, action: 'sign_in_failed', details: { method: 'sso', reason: detail, ip } });
        return this.back(c, reason);
      };
      if (!flow || flow.expiresAt <= this.now()) return failed('expired', 'no sign-in under way in this browser');

      let claims: Record<string, unknown>;
      try {
        const config = await this.configuration();
        // the URL the provider sent the browser to, as the browser saw it
        const current = new URL(`${this.settings.publicUrl}${FLOW_PATH}/callback`);
        current.search = new URL(c.req.url).search;
        const tokens = await oidc.authorizationCodeGrant(config, current, {
          pkceCodeVerifier: flow.verifier,
          expectedState: flow.state,
          expectedNonce: flow.nonce,
          idTokenExpected: true,
        });
        claims = { ...tokens.claims() };
        if (!(this.settings.claim in claims)) {
          claims = { ...(await oidc.fetchUserInfo(config, tokens.access_token, String(claims.sub))), ...claims };
        }
      } catch (error) {
        return failed('refused', error instanceof Error ? error.message.slice(0, 200) : 'the provider refused');
      }

      const username = usernameSchema.safeParse(
        String(claims.preferred_username ?? claims.email ?? claims.sub ?? '').toLowerCase(),
      );
      if (!username.success) return failed('not_allowed', 'no usable username in the claims');
      const grant = grantOf(claimValues(claims[this.settings.claim]), this.settings.groups);
      if (!grant) return failed('not_allowed', `no mapped value in the claim ${this.settings.claim}`, username.data);
      let user;
      try {
        user = this.auth.users.signInSso({
          subject: `${this.settings.issuer} ${String(claims.sub)}`,
          username: username.data,
          role: grant.role,
          accountIds: grant.accountIds,
        });
      } catch (error) {
        if (error instanceof UserError) return failed('not_allowed', error.message, username.data);
        throw error;
      }
      startSession(c, this.auth, user.id);
      this.auth.audit.record({ actor: user.username, action: 'sign_in', details: { method: 'sso', ip } });
      return c.redirect(`${this.settings.publicUrl}/`, 302);
    });
    return app;
  }

  private back(c: Context<AuthEnv>, reason: SsoFailure) {
    return c.redirect(`${this.settings.publicUrl}/?sso=${reason}`, 302);
  }

  private remember(id: string, flow: Flow): void {
    const now = this.now();
    for (const [key, old] of this.flows) {
      if (old.expiresAt > now && this.flows.size < MAX_FLOWS) break;
      this.flows.delete(key);
    }
    this.flows.set(id, flow);
  }
}

/** A claim's values: a string, or an array of them (anything else counts as none). */
function claimValues(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
