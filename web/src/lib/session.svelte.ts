/** Who is signed in, and signing in and out. The session itself is the server's HttpOnly cookie. */
import type { SessionInfo } from '../../../shared/auth';
import { ApiClient, ApiFailure } from './api';
import { formatDuration } from './format';

export type SessionState = 'checking' | 'signed-out' | 'signed-in';

export class Session {
  state = $state<SessionState>('checking');
  user = $state.raw<SessionInfo | null>(null);
  /** why the user is on the sign-in page again ("Your session ended...") */
  notice = $state<string | null>(null);
  /** every REST call of the dashboard goes through it: a 401 ends the session here too */
  readonly api = new ApiClient(() => this.expired());

  async check(): Promise<void> {
    try {
      this.signedIn(await this.api.get('/api/session'));
    } catch (error) {
      this.state = 'signed-out';
      if (!(error instanceof ApiFailure && error.status === 401)) this.notice = messageOf(error);
    }
  }

  /** Signs in; answers the message to show when it did not work. */
  async login(username: string, password: string): Promise<string | null> {
    try {
      this.signedIn(await this.api.post('/api/login', { body: { username, password } }));
      return null;
    } catch (error) {
      if (error instanceof ApiFailure && error.status === 401) return 'Wrong username or password.';
      if (error instanceof ApiFailure && error.status === 429) {
        const wait = error.retryAfter === null ? 'later' : `in ${formatDuration(error.retryAfter * 1000)}`;
        return `Too many attempts. Try again ${wait}.`;
      }
      return messageOf(error);
    }
  }

  async logout(): Promise<void> {
    try {
      const answer = await this.api.post('/api/logout');
      // signed in through single sign-on: the provider ends its session too, then comes back
      if (answer?.redirect) window.location.assign(answer.redirect);
    } finally {
      this.user = null;
      this.notice = null;
      this.state = 'signed-out';
    }
  }

  /** The server says the user's role or accounts changed while signed in. */
  changed(user: SessionInfo): void {
    if (this.state === 'signed-in') this.user = user;
  }

  /** The server no longer knows the session (expired, signed out elsewhere, user removed). */
  expired(): void {
    if (this.state !== 'signed-in') return;
    this.user = null;
    this.notice = 'Your session ended. Sign in again to continue.';
    this.state = 'signed-out';
  }

  private signedIn(user: SessionInfo): void {
    this.user = user;
    this.notice = null;
    this.state = 'signed-in';
  }
}

export const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
