import type { z } from 'zod';
import { AppError, FieldError } from './errors';

/** Maps a zod error to field errors naming the field and the reason. */
export function fieldErrorsFromZod(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || '(body)',
    reason: issue.message,
  }));
}

/** Parses input with a schema or throws a 400 {@link AppError} naming each bad field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw AppError.validation(fieldErrorsFromZod(result.error));
  return result.data;
}
