import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { freePort } from '../fake-telegram/app-process.js';

/**
 * Private Redis topologies for the tests that need more than the machine's shared server: a
 * three-node Cluster and a master watched by a Sentinel (a single server that can be killed and
 * restarted: redis-server.ts). Each runs in its own temporary folder on
 * spare ports and is killed afterwards; the shared 127.0.0.1:6379 is never touched.
 */
export interface Topology {
  /** The REDIS_URL the app would be given. */
  url: string;
  stop(): Promise<void>;
}

async function waitForPing(port: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const probe = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      await probe.ping();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`redis on port ${port} did not answer: ${String(err)}`, { cause: err });
      await sleep(50);
    } finally {
      probe.disconnect();
    }
  }
}

function startServer(args: string[]): ChildProcess {
  const child = spawn('redis-server', args, { stdio: 'ignore' });
  child.on('error', () => undefined);
  return child;
}

async function stopAll(children: readonly ChildProcess[], dir: string): Promise<void> {
  await Promise.all(
    children.map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) return resolve();
          c.once('exit', () => resolve());
          c.kill('SIGKILL');
        }),
    ),
  );
  await rm(dir, { recursive: true, force: true });
}

/** Three masters, no replicas, all 16,384 slots assigned; resolves once `cluster_state:ok`. */
export async function startRedisCluster(): Promise<Topology> {
  const dir = await mkdtemp(join(tmpdir(), 'dondoc-cluster-'));
  const ports = [await freePort(), await freePort(), await freePort()];
  const children = ports.map((port) =>
    startServer([
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--cluster-enabled',
      'yes',
      '--cluster-config-file',
      `nodes-${port}.conf`,
      '--save',
      '',
      '--appendonly',
      'no',
    ]),
  );
  try {
    await Promise.all(ports.map((p) => waitForPing(p)));
    const created = spawnSync(
      'redis-cli',
      ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '0', '--cluster-yes'],
      { encoding: 'utf8', timeout: 20_000 },
    );
    if (created.status !== 0) throw new Error(`redis-cli --cluster create failed: ${created.stdout}${created.stderr}`);
    const probe = new Redis({ port: ports[0], host: '127.0.0.1' });
    try {
      for (let i = 0; ; i++) {
        if (/cluster_state:ok/.test(await probe.cluster('INFO'))) break;
        if (i > 200) throw new Error('the cluster never reached cluster_state:ok');
        await sleep(50);
      }
    } finally {
      probe.disconnect();
    }
  } catch (err) {
    await stopAll(children, dir);
    throw err;
  }
  return { url: `redis-cluster://${ports.map((p) => `127.0.0.1:${p}`).join(',')}`, stop: () => stopAll(children, dir) };
}

/** A master, a replica and one Sentinel watching them as `dondoc`; `failover()` swaps the roles. */
export interface SentinelTopology extends Topology {
  /** Asks the Sentinel to fail over and resolves once it names the former replica as master. */
  failover(): Promise<void>;
  /** The port of the current master, as the Sentinel tells it. */
  masterPort(): Promise<number>;
}

export async function startRedisSentinel(): Promise<SentinelTopology> {
  const dir = await mkdtemp(join(tmpdir(), 'dondoc-sentinel-'));
  const [masterPort, replicaPort, sentinelPort] = [await freePort(), await freePort(), await freePort()];
  const server = (port: number, ...extra: string[]) =>
    startServer([
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--dbfilename',
      `dump-${port}.rdb`,
      '--save',
      '',
      '--appendonly',
      'no',
      ...extra,
    ]);
  const master = server(masterPort);
  const replica = server(replicaPort, '--replicaof', '127.0.0.1', String(masterPort));
  const conf = join(dir, 'sentinel.conf');
  // Sentinel rewrites its own configuration file, so it gets a writable one of its own.
  await writeFile(
    conf,
    `port ${sentinelPort}\nbind 127.0.0.1\ndir ${dir}\nsentinel monitor dondoc 127.0.0.1 ${masterPort} 1\nsentinel down-after-milliseconds dondoc 2000\nsentinel failover-timeout dondoc 10000\n`,
  );
  const sentinel = spawn('redis-server', [conf, '--sentinel'], { stdio: 'ignore' });
  sentinel.on('error', () => undefined);
  const children = [master, replica, sentinel];
  const askSentinel = async <T>(fn: (s: Redis) => Promise<T>): Promise<T> => {
    const s = new Redis({ port: sentinelPort, host: '127.0.0.1' });
    try {
      return await fn(s);
    } finally {
      s.disconnect();
    }
  };
  const masterPortNow = async () =>
    Number(((await askSentinel((s) => s.call('SENTINEL', 'get-master-addr-by-name', 'dondoc'))) as string[])[1]);
  try {
    await Promise.all([waitForPing(masterPort), waitForPing(replicaPort), waitForPing(sentinelPort)]);
    // The Sentinel learns of the replica from the master's INFO (every 10 s at first): wait for it.
    for (let i = 0; ; i++) {
      const replicas = (await askSentinel((s) => s.call('SENTINEL', 'replicas', 'dondoc'))) as string[][];
      const probe = new Redis({ port: replicaPort, host: '127.0.0.1' });
      const linked = /master_link_status:up/.test(await probe.info('replication'));
      probe.disconnect();
      if (replicas.length > 0 && linked) break;
      if (i > 300) throw new Error('the Sentinel never saw the replica in sync');
      await sleep(100);
    }
  } catch (err) {
    await stopAll(children, dir);
    throw err;
  }
  return {
    url: `redis-sentinel://127.0.0.1:${sentinelPort}/dondoc`,
    stop: () => stopAll(children, dir),
    masterPort: masterPortNow,
    async failover() {
      const before = await masterPortNow();
      // A Sentinel that has seen the replica may still lack a fresh INFO from it ("NOGOODSLAVE"):
      // ask again until it accepts.
      for (let i = 0; ; i++) {
        try {
          await askSentinel((s) => s.call('SENTINEL', 'failover', 'dondoc'));
          break;
        } catch (err) {
          if (i > 100 || !/NOGOODSLAVE|INPROG/.test(String(err))) throw err;
          await sleep(200);
        }
      }
      for (let i = 0; (await masterPortNow()) === before; i++) {
        if (i > 300) throw new Error('the Sentinel did not fail over');
        await sleep(100);
      }
    },
  };
}
