import type { z } from 'zod';

/**
 * A refusal as a machine can read it, so a dashboard can say it in the user's language: the field, a
 * code (`too_big`, `too_small`, `invalid_type`, `not_integer`, `unknown_key`, `invalid`) and the limit
 * the value broke, when there is one.
 */
export interface ZodReason {
  field: string | null;
  code: string;
  limit?: number;
}

/** One line naming the first offending field, e.g. `threshold: Too big: expected number to be <=100`. */
export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const path = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return `${path}${issue.message}`.replace(/\s+/g, ' ');
}

/** The first issue as `ZodReason`. */
export function zodReason(error: z.ZodError): ZodReason {
  const issue = error.issues[0];
  if (!issue) return { field: null, code: 'invalid' };
  const field = issue.path.length > 0 ? String(issue.path[0]) : null;
  switch (issue.code) {
    case 'too_big':
    case 'too_small':
      return {
        field,
        code: issue.code,
        limit: Number(issue.code === 'too_big' ? issue.maximum : issue.minimum),
      };
    case 'invalid_type':
      // zod 4 reports a fraction given to an integer field as `expected: 'int'`.
      return { field, code: issue.expected === 'int' ? 'not_integer' : 'invalid_type' };
    case 'unrecognized_keys':
      return { field: issue.keys[0] ?? null, code: 'unknown_key' };
    default:
      return { field, code: 'invalid' };
  }
}
