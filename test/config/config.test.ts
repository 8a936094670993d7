import { describe, expect, it } from 'vitest';
import { ConfigError, createConfig, isPlaygroundOnly } from '../../src/config/config.js';

const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawq';

function problemsOf(env: Record<string, string>): string[] {
  try {
    createConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return [...err.problems];
    throw err;
  }
  return [];
}

describe('configuration from the environment', () => {
  it('with nothing set, opens the playground on the embedded store with the bundled plan', () => {
    const config = createConfig({});
    expect(isPlaygroundOnly(config)).toBe(true);
    expect(config.store).toEqual({ kind: 'embedded', dataDir: './data' });
    expect(config.planFile).toBe('examples/lai-chau-2025.yaml');
    expect(config.http).toEqual({ port: 8080, host: '0.0.0.0' });
  });

  it('keeps the heap near what is live by default (+60 %), lets an operator leave it to V8 (0), and names a bad value', () => {
    expect(createConfig({}).heapGrowingPercent).toBe(60);
    expect(createConfig({ HEAP_GROWING_PERCENT: '' }).heapGrowingPercent).toBe(60);
    expect(createConfig({ HEAP_GROWING_PERCENT: '0' }).heapGrowingPercent).toBe(0);
    expect(problemsOf({ HEAP_GROWING_PERCENT: 'nhieu' })).toEqual([expect.stringMatching(/^HEAP_GROWING_PERCENT: expected a percentage/)]);
    expect(problemsOf({ HEAP_GROWING_PERCENT: '-5' })).toHaveLength(1);
  });

  it('treats empty values (as left by .env.example) as unset', () => {
    expect(isPlaygroundOnly(createConfig({ TELEGRAM_BOT_TOKEN: '', REDIS_URL: ' ', PORT: '' }))).toBe(true);
  });

  it('uses long polling with a token and webhooks when a URL and secret are set', () => {
    expect(createConfig({ TELEGRAM_BOT_TOKEN: TOKEN }).telegram).toEqual({
      mode: 'polling',
      token: TOKEN,
      apiRoot: 'https://api.telegram.org',
    });
    const hook = createConfig({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: 'http://127.0.0.1:8081/',
      TELEGRAM_WEBHOOK_URL: 'https://bot.laichau.gov.vn/telegram',
      TELEGRAM_WEBHOOK_SECRET: 'a-long-random-secret_123',
    }).telegram;
    expect(hook).toMatchObject({ mode: 'webhook', apiRoot: 'http://127.0.0.1:8081', webhookUrl: 'https://bot.laichau.gov.vn/telegram' });
  });

  it('reads Redis, administrators and the playground clock', () => {
    const config = createConfig({
      REDIS_URL: 'redis://127.0.0.1:6379/2',
      ADMIN_IDS: 'telegram:1001, zalo:4f1c2a9b',
      PLAYGROUND_NOW: '2025-06-10T08:00',
    });
    expect(config.store).toEqual({ kind: 'redis', url: 'redis://127.0.0.1:6379/2', prefix: 'dondoc:' });
    expect([...config.adminIds]).toEqual(['telegram:1001', 'zalo:4f1c2a9b']);
    expect(config.playgroundNow).toBe(Date.parse('2025-06-10T08:00:00+07:00'));
  });

  it('names every bad variable in one error, and never echoes a secret', () => {
    const leaked = 'not-a-token-but-secret-looking-value';
    const problems = problemsOf({
      TELEGRAM_BOT_TOKEN: leaked,
      TELEGRAM_WEBHOOK_URL: 'http://insecure.example/hook',
      ZALO_WEBHOOK_URL: 'https://bot.example/zalo',
      REDIS_URL: 'localhost:6379',
      PORT: 'eighty',
      LOG_LEVEL: 'loud',
      ADMIN_IDS: 'telegram:1,facebook:2',
      PLAYGROUND_NOW: '2025-02-30T08:00',
    });
    const names = problems.map((p) => p.split(':')[0]);
    expect(names).toEqual(
      expect.arrayContaining([
        'TELEGRAM_BOT_TOKEN',
        'TELEGRAM_WEBHOOK_URL',
        'REDIS_URL',
        'PORT',
        'LOG_LEVEL',
        'ADMIN_IDS',
        'PLAYGROUND_NOW',
      ]),
    );
    expect(problems.join('\n')).not.toContain(leaked);
  });

  it('requires the webhook secret (and the token) in webhook mode', () => {
    expect(problemsOf({ ZALO_WEBHOOK_URL: 'https://bot.example/zalo' })).toEqual([
      expect.stringMatching(/^ZALO_WEBHOOK_SECRET: required when ZALO_WEBHOOK_URL is set/),
      expect.stringMatching(/^ZALO_BOT_TOKEN: required/),
    ]);
  });
});

describe('rehearsal clock and scheduler cadence', () => {
  it('starts a shifted clock at CLOCK_START (Vietnam time) and ticks every minute by default', () => {
    const config = createConfig({ CLOCK_START: '2025-06-13T07:59:30' });
    expect(config.clockStart).toBe(Date.parse('2025-06-13T07:59:30+07:00'));
    expect(config.schedulerCron).toBe('* * * * *');
  });

  it('accepts a seconds field and refuses a malformed cron expression or clock start', () => {
    expect(createConfig({ SCHEDULER_CRON: '*/5 * * * * *' }).schedulerCron).toBe('*/5 * * * * *');
    expect(() => createConfig({ SCHEDULER_CRON: 'every minute', CLOCK_START: 'tomorrow' })).toThrow(
      /SCHEDULER_CRON[\s\S]*CLOCK_START|CLOCK_START[\s\S]*SCHEDULER_CRON/,
    );
  });
});

describe('REDIS_URL forms', () => {
  it('accepts one server, a Sentinel set and a Cluster', () => {
    for (const url of [
      'redis://:pw@10.0.0.5:6379/0',
      'rediss://redis.example:6380',
      'redis-sentinel://s1:26379,s2:26379/dondoc/1',
      'redis-cluster://n1:6379,n2:6379,n3:6379',
    ]) {
      expect(createConfig({ REDIS_URL: url }).store).toMatchObject({ kind: 'redis', url });
    }
  });

  it('says what is wrong with a Sentinel URL without a master name, and never echoes a password', () => {
    let message = '';
    try {
      createConfig({ REDIS_URL: 'redis-sentinel://:hunter2@s1:26379' });
    } catch (err) {
      message = String(err);
    }
    expect(message).toMatch(/REDIS_URL: .*master name/);
    expect(message).not.toContain('hunter2');
  });
});

describe('PUBLIC_URL (where the web dashboard is reached)', () => {
  const SECRET = 'a-long-random-secret_123';
  it('defaults to the origin of a webhook URL, and is absent with polling alone', () => {
    expect(
      createConfig({
        TELEGRAM_BOT_TOKEN: TOKEN,
        TELEGRAM_WEBHOOK_URL: 'https://bot.laichau.gov.vn/telegram',
        TELEGRAM_WEBHOOK_SECRET: SECRET,
      }).publicUrl,
    ).toBe('https://bot.laichau.gov.vn');
    expect(
      createConfig({
        ZALO_BOT_TOKEN: 'abc123:zalo-token-xyz',
        ZALO_WEBHOOK_URL: 'https://zalo.laichau.gov.vn:8443/zalo',
        ZALO_WEBHOOK_SECRET: SECRET,
      }).publicUrl,
    ).toBe('https://zalo.laichau.gov.vn:8443');
    expect(createConfig({ TELEGRAM_BOT_TOKEN: TOKEN }).publicUrl).toBeUndefined();
  });

  it('takes PUBLIC_URL first, as an origin, and rejects what is not an http(s) URL', () => {
    expect(createConfig({ TELEGRAM_BOT_TOKEN: TOKEN, PUBLIC_URL: 'https://dieuhanh.laichau.gov.vn/' }).publicUrl).toBe(
      'https://dieuhanh.laichau.gov.vn',
    );
    expect(problemsOf({ PUBLIC_URL: 'ftp://x' })).toEqual([expect.stringMatching(/^PUBLIC_URL: /)]);
  });
});
