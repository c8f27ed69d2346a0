/** Each dashboard user's alert settings (what pops up, sound, desktop notifications), in SQLite. */
import { eq } from 'drizzle-orm';
import { DEFAULT_ALERT_SETTINGS, alertSettingsSchema, type AlertSettings } from '../../shared/alert-settings';
import type { Db } from '../db/open';
import { alertSettings, users } from '../db/schema';

export class AlertSettingsStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  /** The user's settings; the defaults until they save some (or if what is stored no longer parses). */
  get(username: string): AlertSettings {
    const row = this.db
      .select({ settings: alertSettings.settings })
      .from(alertSettings)
      .innerJoin(users, eq(users.id, alertSettings.userId))
      .where(eq(users.username, username))
      .get();
    const parsed = alertSettingsSchema.safeParse(row?.settings);
    return parsed.success ? parsed.data : DEFAULT_ALERT_SETTINGS;
  }

  /** Saves the user's settings whole; false when the user no longer exists. */
  put(username: string, settings: AlertSettings): boolean {
    const user = this.db.select({ id: users.id }).from(users).where(eq(users.username, username)).get();
    if (!user) return false;
    const updatedAt = this.now();
    this.db
      .insert(alertSettings)
      .values({ userId: user.id, settings, updatedAt })
      .onConflictDoUpdate({ target: alertSettings.userId, set: { settings, updatedAt } })
      .run();
    return true;
  }
}
