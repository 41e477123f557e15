import type { ApiError } from '../../shared/api';
import { formatNumber } from './format';
import { t } from './index';

const codes = [
  'too_big',
  'too_small',
  'invalid_type',
  'not_integer',
  'unknown_key',
  'invalid',
  'network',
] as const;
type ReasonCode = (typeof codes)[number];

/**
 * The server's refusal in the UI's language, from its `code` and `limit`. A server that sends no
 * code known here gets its one-line English reason shown as it is, rather than nothing.
 */
export function translateReason(error: ApiError): string {
  const code = codes.find((c): c is ReasonCode => c === error.code);
  if (!code) return error.error;
  return t(`reason.${code}`, { limit: error.limit === undefined ? '' : formatNumber(error.limit) });
}
