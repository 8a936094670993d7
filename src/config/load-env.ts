import { existsSync } from 'node:fs';

/**
 * Reads `.env` into process.env when the file exists, without overriding variables already set
 * (the real environment wins, as with dotenv). Uses Node's own loader, available since 20.12.
 */
export function loadDotEnv(path = '.env'): boolean {
  if (!existsSync(path)) return false;
  process.loadEnvFile(path);
  return true;
}
