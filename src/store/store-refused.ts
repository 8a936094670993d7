import { SetupError } from '../errors.js';

/**
 * The embedded store will not open: another process has the data dir, the database is damaged or
 * from a newer version, or old-format data cannot be read. The message (Vietnamese, then English)
 * is meant for the operator as it stands, so start-up prints it without a stack.
 */
export class StoreRefusedError extends SetupError {
  constructor(message: string) {
    super(message);
    this.name = 'StoreRefusedError';
  }
}
