import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * The promises the deployment files make to a provincial IT team, checked on the files themselves
 * (no Docker daemon needed): what the compose file, the Dockerfile, the scripts and .env.example say.
 */

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(`${root}${path}`, 'utf8');

interface Service {
  image?: string;
  build?: unknown;
  command?: string | string[];
  volumes?: string[];
  environment?: Record<string, string> | string[];
  env_file?: string | string[];
  healthcheck?: { test?: string | string[]; disable?: boolean };
  depends_on?: Record<string, { condition?: string }> | string[];
  ports?: string[];
  restart?: string;
  init?: boolean;
  stop_signal?: string;
  stop_grace_period?: string;
}

const compose = parse(read('docker-compose.yml')) as { services: Record<string, Service>; volumes?: Record<string, unknown> };
const redis = compose.services.redis as Service;
const bot = compose.services.bot as Service;

/** The Dockerfile's instructions, continuation lines joined, comments dropped. */
const dockerfile = read('Dockerfile')
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l !== '' && !l.startsWith('#'));
const finalStage = dockerfile.slice(dockerfile.map((l) => /^FROM\b/i.test(l)).lastIndexOf(true));
const instructions = (name: string) => finalStage.filter((l) => l.toUpperCase().startsWith(`${name} `));

/** Compose durations like 70s, 1m10s, 1m → seconds. */
function seconds(duration: string | undefined): number {
  let total = 0;
  for (const [, n, unit] of (duration ?? '').matchAll(/(\d+)(h|m|s)/g))
    total += Number(n) * ({ h: 3600, m: 60, s: 1 } as const)[unit as 'h' | 'm' | 's'];
  return total;
}

/** `${NAME:-default}` → default: what compose uses when .env leaves NAME empty. */
const withDefaults = (value: string) => value.replace(/\$\{[A-Z0-9_]+:-([^}]*)\}/g, '$1');

function environmentOf(service: Service): Record<string, string> {
  const env = service.environment ?? {};
  if (!Array.isArray(env)) return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, withDefaults(String(v))]));
  return Object.fromEntries(env.map((e) => [e.split('=')[0] ?? '', withDefaults(e.split('=').slice(1).join('='))]));
}

/** Names of the variables the configuration schema reads (the keys of `envSchema` in config.ts). */
function schemaVariables(): string[] {
  const source = read('src/config/config.ts');
  const body = /const envSchema = z\.object\(\{([\s\S]*?)\n\}\);/.exec(source)?.[1] ?? '';
  return [...body.matchAll(/^ {2}([A-Z][A-Z0-9_]*):/gm)].map((m) => m[1] ?? '');
}

/** Variables .env.example sets (commented or not). */
function exampleVariables(): Set<string> {
  return new Set([...read('.env.example').matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1] ?? ''));
}

describe('docker-compose.yml', () => {
  describe('redis', () => {
    it('is the official Redis 7 image', () => {
      expect(redis.image).toMatch(/^redis:7(\b|$)/);
    });

    it('keeps an append-only file, fsynced on every write, on a named volume', () => {
      const command = [redis.command ?? []].flat().join(' ');
      const conf = /redis-server\s+(\S+\.conf)/.exec(command)?.[1];
      const mounted = conf ? redis.volumes?.find((v) => v.split(':')[1] === conf)?.split(':')[0] : undefined;
      const settings = `${command.replace(/--/g, '\n')}\n${mounted ? read(mounted.replace(/^\.\//, '')) : ''}`;
      expect(settings).toMatch(/^appendonly\s+yes\b/m);
      expect(settings).toMatch(/^appendfsync\s+always\b/m);
      expect(settings).toMatch(/^maxmemory-policy\s+noeviction\b/m);

      const data = redis.volumes?.find((v) => v.split(':')[1] === '/data')?.split(':')[0];
      expect(data, 'a volume on /data').toBeDefined();
      expect(Object.keys(compose.volumes ?? {})).toContain(data);
    });

    it('answers a ping healthcheck and is not published to the host', () => {
      expect([redis.healthcheck?.test ?? []].flat().join(' ')).toMatch(/redis-cli\b.*\bping/i);
      expect(redis.ports ?? []).toEqual([]);
    });
  });

  describe('bot', () => {
    it('is built from the Dockerfile, reads .env and uses the Redis service by default', () => {
      expect(bot.build).toBeDefined();
      expect([bot.env_file].flat()).toContain('.env');
      expect(environmentOf(bot).REDIS_URL).toBe('redis://redis:6379/0');
      expect(bot.depends_on).toMatchObject({ redis: { condition: 'service_healthy' } });
      expect(bot.restart).toBe('unless-stopped');
    });

    it('publishes the port the app listens on, and mounts the plan read-only where PLAN_FILE points', () => {
      const env = environmentOf(bot);
      expect(env.PORT).toBe('8080');
      expect(bot.ports?.map(withDefaults)).toEqual([expect.stringMatching(/:8080$/)]);
      const plan = bot.volumes?.find((v) => v.endsWith(':ro') && `/app/${env.PLAN_FILE}`.startsWith(`${v.split(':')[1]}/`));
      expect(plan, `a read-only mount holding /app/${env.PLAN_FILE}`).toBeDefined();
    });

    it('keeps the image healthcheck (GET /healthz)', () => {
      expect(bot.healthcheck?.disable).not.toBe(true);
      expect(bot.healthcheck?.test).toBeUndefined();
      expect(instructions('HEALTHCHECK').join(' ')).toMatch(/\/healthz/);
    });

    it('gives the graceful shutdown at least 60 s after SIGTERM', () => {
      expect(bot.stop_signal ?? 'SIGTERM').toBe('SIGTERM');
      expect(seconds(bot.stop_grace_period)).toBeGreaterThanOrEqual(60);
      expect(bot.init).toBe(true);
    });
  });
});

describe('Dockerfile', () => {
  it('is multi-stage', () => {
    expect(dockerfile.filter((l) => /^FROM\b/i.test(l)).length).toBeGreaterThanOrEqual(2);
  });

  it('runs as a non-root user', () => {
    const user = instructions('USER').at(-1)?.split(/\s+/)[1];
    expect(user).toBeDefined();
    expect(['root', '0', '0:0']).not.toContain(user);
  });

  it('runs node directly (not npm), so SIGTERM reaches the app', () => {
    const cmd = JSON.parse(instructions('CMD').at(-1)?.slice(4) ?? 'null') as unknown;
    expect(cmd).toEqual(['node', 'dist/src/main.js']);
    expect(instructions('ENTRYPOINT')).toEqual([]);
    for (const signal of instructions('STOPSIGNAL')) expect(signal.split(/\s+/)[1]).toBe('SIGTERM');
  });

  it("checks health with Node's fetch on $PORT, within a timeout", () => {
    const check = instructions('HEALTHCHECK').at(-1) ?? '';
    expect(check).toMatch(/--interval=\d+s/);
    expect(check).toMatch(/--timeout=\d+s/);
    expect(check).toMatch(/--start-period=\d+s/);
    expect(check).toMatch(/fetch\(.*process\.env\.PORT.*\/healthz/);
    expect(check).not.toMatch(/\bcurl\b|\bwget\b/);
  });

  it('builds what npm start runs', () => {
    expect((JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts.start).toBe('node dist/src/main.js');
  });
});

describe('.dockerignore', () => {
  it('keeps secrets, local data and dependencies out of the build context', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((l) => l.trim());
    for (const entry of ['.env', 'node_modules', 'data', '.git', 'backups']) expect(ignored).toContain(entry);
  });
});

describe('backup and restore scripts', () => {
  for (const script of ['deploy/backup-redis.sh', 'deploy/restore-redis.sh']) {
    it(`${script} is an executable POSIX sh script that stops on the first error`, () => {
      expect(statSync(`${root}${script}`).isFile()).toBe(true);
      expect(() => accessSync(`${root}${script}`, constants.X_OK)).not.toThrow();
      const text = read(script);
      expect(text.startsWith('#!/bin/sh\n')).toBe(true);
      expect(text).toMatch(/^set -eu$/m);
    });
  }

  it('the backup waits for a fresh snapshot before copying it', () => {
    const text = read('deploy/backup-redis.sh');
    expect(text).toMatch(/BGSAVE/);
    expect(text).toMatch(/LASTSAVE/);
  });
});

describe('.env.example', () => {
  it('documents every variable the configuration schema reads', () => {
    const variables = schemaVariables();
    expect(variables).toContain('TELEGRAM_BOT_TOKEN');
    expect(variables.length).toBeGreaterThanOrEqual(15);
    const documented = exampleVariables();
    expect(variables.filter((v) => !documented.has(v))).toEqual([]);
  });

  it('documents every variable docker-compose.yml takes from .env', () => {
    const used = [...read('docker-compose.yml').matchAll(/\$\{([A-Z][A-Z0-9_]*)/g)].map((m) => m[1] ?? '');
    expect(used.length).toBeGreaterThan(0);
    const documented = exampleVariables();
    expect(used.filter((v) => !documented.has(v))).toEqual([]);
  });
});
