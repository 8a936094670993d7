import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runApp } from '../helpers/run-app.js';

describe('start-up refuses a bad setup with one clear message', () => {
  it('names every bad environment variable and what it expects, without echoing a token', async () => {
    const token = 'oops-this-is-my-secret-token-value';
    const run = await runApp({ env: { TELEGRAM_BOT_TOKEN: token, PORT: '99999', REDIS_URL: 'localhost', LOG_LEVEL: 'chatty' } });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('Cấu hình không hợp lệ / invalid configuration:');
    expect(run.stderr).toMatch(/- TELEGRAM_BOT_TOKEN: expected a BotFather token/);
    expect(run.stderr).toMatch(/- PORT: /);
    expect(run.stderr).toMatch(/- REDIS_URL: expected redis:\/\/host:port/);
    expect(run.stderr).toMatch(/- LOG_LEVEL: /);
    expect(run.stderr).not.toContain(token);
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace for a setup mistake
  });

  it('names the plan file, the line and the field', async () => {
    const file = join(tmpdir(), `dondoc-bad-plan-${process.pid}.yaml`);
    await writeFile(
      file,
      'province: { name: Lai Châu, authority: UBND tỉnh Lai Châu }\ncoordinator: so-noi-vu\nagencies:\n  - { id: so-noi-vu, name: Sở Nội vụ, kind: so }\ncampaigns: []\nperiods: []\n',
    );
    const run = await runApp({ env: { PLAN_FILE: file } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`invalid plan file ${file}`);
    expect(run.stderr).toContain(
      `${file}:5:12: campaigns: a campaign needs at least one report item`.replace(
        'a campaign needs at least one report item',
        'list at least one campaign',
      ),
    );
  });

  it('rejects a malformed --now', async () => {
    const run = await runApp({ args: ['--now', 'tomorrow'] });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--now: expected a date and time like 2025-06-10T08:00');
  });
});
