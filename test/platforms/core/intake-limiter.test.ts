import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, limitsFromEnv } from '../../../src/config/limits.js';
import { createIntakeLimiter } from '../../../src/platforms/core/intake-limiter.js';

const limits = {
  perSender: { limit: 5, windowMs: 60_000 },
  perChat: { limit: 8, windowMs: 60_000 },
  senderBacklog: 3,
  chatBacklog: 6,
  totalBacklog: 1_000,
};

describe('intake bounds', () => {
  it('a stranger over their rate is told once, then dropped in silence until the next minute', () => {
    let now = 0;
    const limiter = createIntakeLimiter({ ...limits, senderBacklog: 100, chatBacklog: 100 }, () => now);
    const outcomes = Array.from({ length: 9 }, () => {
      const a = limiter.admit('telegram:1', 'telegram:1');
      if (a.admitted) a.done();
      return a.admitted ? 'ok' : a.warn ? 'warn' : 'drop';
    });
    expect(outcomes).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'warn', 'drop', 'drop', 'drop']);
    now += 60_000;
    expect(limiter.admit('telegram:1', 'telegram:1').admitted).toBe(true);
    expect(limiter.dropped()).toBe(4);
  });

  it('a sender with three updates still unanswered gets no fourth in; once one is answered, it gets in', () => {
    const limiter = createIntakeLimiter(limits, () => 0);
    const held = [1, 2, 3].map(() => limiter.admit('zalo:a', 'zalo:a'));
    expect(limiter.admit('zalo:a', 'zalo:a')).toEqual({ admitted: false, warn: true });
    const first = held[0];
    if (first?.admitted) {
      first.done();
      first.done(); // twice changes nothing
    }
    expect(limiter.admit('zalo:a', 'zalo:a').admitted).toBe(true);
    expect(limiter.inFlight()).toBe(3);
  });

  it('a flood whose backlog drains and fills again is told to slow down once a minute, not once a fill', () => {
    let now = 0;
    const limiter = createIntakeLimiter({ ...limits, perSender: { limit: 50, windowMs: 60_000 } }, () => now);
    const warnings = () => {
      let told = 0;
      for (let fill = 0; fill < 5; fill++) {
        const held = Array.from({ length: 5 }, () => limiter.admit('zalo:flood', 'zalo:flood'));
        told += held.filter((a) => !a.admitted && a.warn).length;
        for (const a of held) if (a.admitted) a.done();
      }
      return told;
    };
    expect(warnings()).toBe(1);
    now += 60_000;
    expect(warnings()).toBe(1);
  });

  it("one flooding sender does not use up anyone else's share; a group is bounded as a whole", () => {
    const limiter = createIntakeLimiter(limits, () => 0);
    for (let i = 0; i < 20; i++) limiter.admit('telegram:66', 'telegram:66');
    expect(limiter.admit('telegram:7', 'telegram:7').admitted).toBe(true);
    const group = 'telegram:-100';
    const admitted = Array.from({ length: 10 }, (_, i) => limiter.admit(`telegram:${100 + i}`, group)).filter((a) => a.admitted);
    expect(admitted).toHaveLength(limits.chatBacklog);
  });

  it('a process holding its total of updates says it is full, drops nothing, and makes room as they finish', async () => {
    const limiter = createIntakeLimiter({ ...limits, totalBacklog: 2 }, () => 0);
    const a = limiter.admit('telegram:1', 'telegram:1');
    const b = limiter.admit('telegram:2', 'telegram:2');
    expect(limiter.full()).toBe(true);
    let roomy = false;
    const room = limiter.room().then(() => (roomy = true));
    await Promise.resolve();
    expect(roomy).toBe(false);
    if (a.admitted) a.done();
    await room;
    expect(limiter.full()).toBe(false);
    expect(b.admitted).toBe(true);
    expect(limiter.dropped()).toBe(0);
  });

  it('operators may change the numbers by environment variable; nonsense is refused', () => {
    expect(limitsFromEnv({}).limits).toEqual(DEFAULT_LIMITS);
    const { limits: changed, problems } = limitsFromEnv({ INTAKE_PER_SENDER_PER_MINUTE: '90', OPEN_CODES_PER_MEMBER: '5' });
    expect(problems).toEqual([]);
    expect(changed.intake.perSender.limit).toBe(90);
    expect(changed.openCodes.member).toBe(5);
    expect(DEFAULT_LIMITS.intake.perSender.limit).toBe(60);
    expect(limitsFromEnv({ INTAKE_CHAT_BACKLOG: '0', AUDIT_PER_MEMBER_PER_HOUR: 'many' }).problems).toEqual([
      'INTAKE_CHAT_BACKLOG: expected a whole number ≥ 1',
      'AUDIT_PER_MEMBER_PER_HOUR: expected a whole number ≥ 1',
    ]);
  });
});
