import type { z } from 'zod';

/** One line naming the first offending field, e.g. `threshold: Too big: expected number to be <=100`. */
export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const path = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return `${path}${issue.message}`.replace(/\s+/g, ' ');
}
