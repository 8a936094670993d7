import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config.js';
import { HandlerError, isExplainedStartupFailure, NetworkError, PlatformApiError, SetupError } from '../../src/errors.js';
import { PlanError } from '../../src/plan/load-plan.js';
import { StoreRefusedError } from '../../src/store/store-refused.js';

describe('when start-up fails', () => {
  it('a setup mistake (config, plan, data dir) is a SetupError that keeps its own name', () => {
    for (const err of [
      new ConfigError(['BOT_MODE: expected polling']),
      new PlanError('plan.yaml', ['agencies: missing']),
      new StoreRefusedError('data dir in use'),
    ]) {
      expect(err).toBeInstanceOf(SetupError);
      expect(isExplainedStartupFailure(err)).toBe(true);
    }
    expect(new PlanError('plan.yaml', []).name).toBe('PlanError');
  });
  it('a platform that refuses the token or cannot be reached reads as its message too', () => {
    expect(isExplainedStartupFailure(new PlatformApiError('telegram', 'getMe', 401, 'Unauthorized'))).toBe(true);
    expect(isExplainedStartupFailure(new NetworkError('zalo', 'getMe', 'ECONNREFUSED'))).toBe(true);
  });
  it('a bug shows its stack: other errors, even one that only borrows a known name', () => {
    const lookalike = Object.assign(new Error('x'), { name: 'ConfigError' });
    for (const err of [new TypeError('x'), lookalike, new HandlerError('/status', new Error('x')), 'a string'])
      expect(isExplainedStartupFailure(err)).toBe(false);
  });
});
