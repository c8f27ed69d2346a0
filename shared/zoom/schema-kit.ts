/**
 * Building blocks of the generated webhook schemas (shared/zoom/events.generated.ts).
 * They encode how Roomwatch reads the spec against real deliveries:
 * - Zoom extends enums without notice, so enum fields accept any value of the right JSON type;
 *   a new value must never quarantine an event.
 * - Formats are checked only where a wrong value would break us: date-times must parse (or be "",
 *   which Zoom sends for instant meetings); emails are free text because Zoom sends "" and names.
 * - Meeting ids arrive as strings in some events and int64 numbers in others: always a string here.
 * - Optional fields may be null.
 */
import { z } from 'zod';

export const str = () => z.string();

export const dateTime = () =>
  z.string().refine((s) => s === '' || !Number.isNaN(Date.parse(s)), { message: 'Invalid date-time' });

export const int = () => z.number().int();

export const num = () => z.number();

export const bool = () => z.boolean();

export const zoomId = () => z.union([z.string(), z.number().int().nonnegative()]).transform((value) => String(value));

export const eventTs = () => z.number().int().nonnegative();

export const opt = <T extends z.ZodType>(schema: T) => schema.nullish();

export const obj = <T extends z.ZodRawShape>(shape: T) => z.object(shape);

export const arr = <T extends z.ZodType>(item: T) => z.array(item);
