/** zod parsers of values given as text: environment variables and command-line flags. */
import { z } from 'zod';

export const port = z
  .string()
  .regex(/^\d+$/, 'must be a whole number')
  .transform(Number)
  .refine((n) => n >= 0 && n <= 65535, 'must be between 0 and 65535');

export const positiveNumber = z
  .string()
  .regex(/^\d+(\.\d+)?$/, 'must be a positive number')
  .transform(Number)
  .refine((n) => n > 0, 'must be greater than 0');

export const wholeNumber = z
  .string()
  .regex(/^\d+$/, 'must be a whole number')
  .transform(Number)
  .refine((n) => n <= 0xffffffff, 'must be at most 4294967295');

export const positiveWholeNumber = z
  .string()
  .regex(/^\d+$/, 'must be a whole number')
  .transform(Number)
  .refine((n) => n > 0, 'must be at least 1');

export const nonNegativeNumber = z
  .string()
  .regex(/^\d+(\.\d+)?$/, 'must be a number of 0 or more')
  .transform(Number);

export const flag = z
  .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1');
