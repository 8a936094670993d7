import { describe, expect, it } from 'vitest';
import { createPacer, PacerStopped } from '../../src/platforms/core/pacer.js';
import { createZaloPacer } from '../../src/platforms/zalo/pacer.js';

/** Issue #13, item 4: once the bot has stopped, nothing queued behind a chat's pace goes out. */
describe('pacers after the stop', () => {
  it("Telegram: replies waiting for a private chat's pace are refused, not sent later", async () => {
    const pacer = createPacer({
      global: { limit: 30, windowMs: 1_000 },
      group: { limit: 20, windowMs: 60_000 },
      private: { limit: 1, windowMs: 60_000 },
    });
    const sent: number[] = [];
    const first = pacer.schedule('42', 'private', async () => sent.push(1));
    const second = pacer.schedule('42', 'private', async () => sent.push(2)); // waits a minute for the chat's window
    await first;
    pacer.stop();
    await expect(second).rejects.toBeInstanceOf(PacerStopped);
    await expect(pacer.schedule('43', 'private', async () => sent.push(3))).rejects.toBeInstanceOf(PacerStopped);
    expect(sent).toEqual([1]);
  });

  it("Zalo: messages queued behind a chat's gap are refused once stopped", async () => {
    const pacer = createZaloPacer({ perChatGapMs: 300, perSecond: 100 });
    const sent: number[] = [];
    const first = pacer.schedule('a', 'private', async () => sent.push(1));
    const second = pacer.schedule('a', 'private', async () => sent.push(2));
    await first;
    pacer.stop();
    await expect(second).rejects.toThrow(/stopping/);
    expect(sent).toEqual([1]);
  });
});
