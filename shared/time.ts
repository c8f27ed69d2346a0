/** Instants as the API, the event log and the realtime protocol write them: ISO 8601, UTC, milliseconds. */
export const iso = (ms: number): string => new Date(ms).toISOString();

/** The same, for instants that may not have happened yet (ended, acknowledged, delivered...). */
export const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));
