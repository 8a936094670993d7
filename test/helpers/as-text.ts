/**
 * A raw payload field as text, the way a platform API reads it: strings as they are, numbers and
 * booleans written out, objects as JSON (not "[object Object]").
 */
export function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === undefined || value === null) return String(value);
  if (typeof value === 'symbol') return value.toString();
  return JSON.stringify(value) ?? '';
}
