import { SetupError } from '../errors.js';

/** A plan file that cannot be used; the message names the file, each field and what is wrong. */
export class PlanError extends SetupError {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`Tệp kế hoạch không hợp lệ / invalid plan file ${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PlanError';
  }
}
