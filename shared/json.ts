/** A parsed JSON object (not null, not an array): what a webhook body or a replayed line must be. */
export const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);
