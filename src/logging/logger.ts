import { pino, type Logger, type LevelWithSilent } from 'pino';

export type { Logger };

/**
 * Paths that may hold a secret anywhere in a log object. Tokens also hide inside URLs (the Bot API
 * puts the token in the path), so error messages are scrubbed by `redactSecrets` as well.
 */
const REDACT_PATHS = [
  'token',
  '*.token',
  'secret',
  '*.secret',
  'webhookSecret',
  '*.webhookSecret',
  'password',
  '*.password',
  'headers.authorization',
  'headers["x-telegram-bot-api-secret-token"]',
  'headers["x-bot-api-secret-token"]',
  'config.telegram.token',
  'config.zalo.token',
];

/** Structured JSON logs on stderr (stdout belongs to the playground's transcript). */
export function createLogger(options: { level: LevelWithSilent; secrets?: readonly string[] }): Logger {
  const secrets = (options.secrets ?? []).filter((s) => s.length >= 8);
  return pino(
    {
      level: options.level,
      base: { app: 'don-doc' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
      hooks: {
        // Last line of defence: a token that slipped into any message or error text is masked.
        streamWrite: (line) => redactSecrets(line, secrets),
      },
    },
    pino.destination({ dest: 2, sync: true }),
  );
}

/** Replaces every occurrence of each secret (and the bot-token shape) with a mask. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s && out.includes(s)) out = out.split(s).join('[redacted]');
  return out.replace(/\b(\d{5,20}):[A-Za-z0-9_-]{30,}\b/g, '$1:[redacted]');
}
