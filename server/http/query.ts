import { z } from 'zod';

/** A comma-separated query parameter of allowed values (`?status=live,stale`), `defaults` when absent. */
export function valueList<T extends string>(name: string, values: readonly [T, ...T[]], defaults: T[]) {
  return z
    .string()
    .optional()
    .transform((s) => (s ? s.split(',').map((x) => x.trim()) : defaults))
    .pipe(z.array(z.enum(values, { message: `${name} must be one of ${values.join(', ')}` })).min(1));
}

/** A query parameter of digits only, from 1 to `max`, named in its error messages. */
export function wholeNumberParam(name: string, max: number) {
  return z
    .string()
    .regex(/^\d+$/, `${name} must be a whole number`)
    .transform(Number)
    .pipe(z.number().min(1, `${name} must be at least 1`).max(max, `${name} must be at most ${max}`));
}

/** A query parameter holding an ISO 8601 date-time (`2026-04-01T10:00:00Z`), as ms since the epoch. */
export function isoTimeParam(name: string) {
  return z
    .string()
    .refine(
      (s) => /^\d{4}-\d{2}-\d{2}/.test(s) && !Number.isNaN(Date.parse(s)),
      `${name} must be an ISO 8601 date-time`,
    )
    .transform((s) => Date.parse(s));
}
