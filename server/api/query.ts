import { z } from 'zod';

/** A comma-separated query parameter of allowed values (`?status=live,stale`), `defaults` when absent. */
export function valueList<T extends string>(name: string, values: readonly [T, ...T[]], defaults: T[]) {
  return z
    .string()
    .optional()
    .transform((s) => (s ? s.split(',').map((x) => x.trim()) : defaults))
    .pipe(z.array(z.enum(values, { message: `${name} must be one of ${values.join(', ')}` })).min(1));
}
