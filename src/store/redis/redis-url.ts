/**
 * The three shapes of Redis a province may run, all named by one `REDIS_URL`:
 *
 *   redis://[[user]:password@]host:6379[/db]            one server (rediss:// for TLS)
 *   redis-sentinel://[[user]:password@]s1:26379,s2:26379,s3:26379/<master name>[/db][?sentinelPassword=…&tls=1]
 *   redis-cluster://[[user]:password@]n1:6379,n2:6379,n3:6379[?tls=1]
 *
 * The password is the data servers'; Sentinels may have their own (`sentinelPassword`). A Cluster
 * has no databases, so it takes no `/db`.
 */
export type RedisTarget =
  | { kind: 'single'; url: string }
  | { kind: 'sentinel'; sentinels: HostPort[]; masterName: string; db: number; auth: Auth; sentinelPassword?: string; tls: boolean }
  | { kind: 'cluster'; nodes: HostPort[]; auth: Auth; tls: boolean };

export interface HostPort {
  host: string;
  port: number;
}

interface Auth {
  username?: string;
  password?: string;
}

export class RedisUrlError extends Error {
  override readonly name = 'RedisUrlError';
}

const MULTI_HOST = /^(redis-sentinel|redis-cluster):\/\/(?:([^@/]*)@)?([^/?#@]+)(\/[^?#]*)?(?:\?([^#]*))?$/;

/** Reads a REDIS_URL; throws RedisUrlError (never echoing the password) when it is malformed. */
export function parseRedisUrl(url: string): RedisTarget {
  if (/^rediss?:\/\//.test(url)) return { kind: 'single', url };
  const m = MULTI_HOST.exec(url.trim());
  if (!m)
    throw new RedisUrlError(
      `REDIS_URL must look like redis://host:6379, redis-sentinel://host:26379,…/<master> or redis-cluster://host:6379,… (got ${describeRedisUrl(url)})`,
    );
  const [, scheme, userinfo, hostList, path = '', query = ''] = m;
  const hosts = (hostList ?? '').split(',').map((h) => parseHostPort(h, scheme === 'redis-sentinel' ? 26379 : 6379));
  const params = new URLSearchParams(query);
  const tls = ['1', 'true', 'yes'].includes((params.get('tls') ?? '').toLowerCase());
  const auth = parseAuth(userinfo);
  const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (scheme === 'redis-cluster') {
    if (segments.length > 0) throw new RedisUrlError('a Redis Cluster has no databases: remove the /path from REDIS_URL');
    return { kind: 'cluster', nodes: hosts, auth, tls };
  }
  const [masterName, db = '0', ...rest] = segments;
  if (!masterName || rest.length > 0) throw new RedisUrlError('REDIS_URL for Sentinel must end with /<master name> or /<master name>/<db>');
  if (!/^\d{1,2}$/.test(db)) throw new RedisUrlError(`REDIS_URL: the database must be a number (got "${db}")`);
  const sentinelPassword = params.get('sentinelPassword') ?? undefined;
  return { kind: 'sentinel', sentinels: hosts, masterName, db: Number(db), auth, tls, ...(sentinelPassword ? { sentinelPassword } : {}) };
}

function parseHostPort(text: string, defaultPort: number): HostPort {
  // [::1]:6379, host:6379 or host alone.
  const m = /^(\[[^\]]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(text.trim());
  const port = m?.[2] === undefined ? defaultPort : Number(m[2]);
  if (!m?.[1] || port < 1 || port > 65535) throw new RedisUrlError(`REDIS_URL: "${text}" is not host:port`);
  return { host: m[1].replace(/^\[|\]$/g, ''), port };
}

function parseAuth(userinfo: string | undefined): Auth {
  if (!userinfo) return {};
  const colon = userinfo.indexOf(':');
  const username = decodeURIComponent(colon === -1 ? userinfo : userinfo.slice(0, colon));
  const password = colon === -1 ? undefined : decodeURIComponent(userinfo.slice(colon + 1));
  // `redis://secret@host` is how many people write a bare password (Redis < 6 had no users).
  if (password === undefined) return username ? { password: username } : {};
  return { ...(username ? { username } : {}), ...(password ? { password } : {}) };
}

/** The URL with any password masked, for logs and error messages. */
export function describeRedisUrl(url: string): string {
  return url
    .replace(/^([a-z-]+:\/\/)([^@/]*)@/i, (_all, scheme: string, userinfo: string) => {
      const colon = userinfo.indexOf(':');
      return `${scheme}${colon === -1 ? '***' : `${userinfo.slice(0, colon)}:***`}@`;
    })
    .replace(/(sentinelPassword=)[^&#]*/i, '$1***');
}

/** Why a REDIS_URL cannot work (password never included), or undefined when it can. */
export function redisUrlProblem(url: string): string | undefined {
  try {
    parseRedisUrl(url);
    return undefined;
  } catch (err) {
    if (err instanceof RedisUrlError) return err.message;
    throw err;
  }
}

/** The passwords a REDIS_URL carries, so the logger can mask them wherever they turn up. */
export function redisSecrets(url: string): string[] {
  try {
    const target = parseRedisUrl(url);
    if (target.kind !== 'single')
      return [target.auth.password, target.kind === 'sentinel' ? target.sentinelPassword : undefined].filter((s): s is string => !!s);
    const password = decodeURIComponent(new URL(url).password);
    return password ? [password] : [];
  } catch {
    return [];
  }
}
