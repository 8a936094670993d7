import type { IntakeLimits } from '../platforms/core/intake-limiter.js';

/**
 * Every limit that protects the bot from one sender, one flood or one full table, in one place
 * (issue #13). The numbers an operator may need to change have an environment variable (see
 * README, "Giới hạn"/limits, and .env.example); the rest are fixed here on purpose.
 */
export interface Limits {
  /** Inbound, per process, on both platforms and in both modes (src/platforms/core/intake-limiter.ts). */
  intake: IntakeLimits;
  /**
   * Codes one person may have open (issued, not yet used, revoked or expired): a head or deputy
   * (/lienket), a coordinator (/moi, who may invite every agency of the province at once).
   */
  openCodes: { member: number; coordinator: number };
  /**
   * Audited actions (codes issued, delegations set) one person may take in an hour; administrators
   * are not counted. The audit log itself never drops an entry (older ones move to its archive).
   */
  auditPerHour: { member: number; coordinator: number };
  /** The bot stops (exit code 1, to be restarted) once its store has been unreachable this long (src/app/watchdog.ts). */
  unhealthyExitMinutes: number;
}

export const DEFAULT_LIMITS: Limits = {
  intake: {
    // One a second on average: a head pressing through a report's buttons at full speed stays
    // under it, and it is the pace Telegram lets replies into one private chat anyway.
    perSender: { limit: 60, windowMs: 60_000 },
    // A busy agency group with several members at once.
    perChat: { limit: 120, windowMs: 60_000 },
    // Telegram lets about one message a second into a private chat, 20 a minute into a group: a
    // backlog of 10 updates is at most some seconds of replies in private, half a minute in a group.
    senderBacklog: 10,
    chatBacklog: 20,
    // Far above what a province sends at once; bounds memory when many senders write together.
    totalBacklog: 2_000,
  },
  // 54 agencies × (head + deputy + group) = 162 codes for a coordinator inviting the province.
  openCodes: { member: 10, coordinator: 300 },
  auditPerHour: { member: 30, coordinator: 300 },
  // Longer than a Redis restart or failover (seconds to a minute): only a store that stays away.
  unhealthyExitMinutes: 5,
};

/** The environment variables that override `DEFAULT_LIMITS`, each a whole number ≥ 1. */
export const LIMIT_ENV = {
  INTAKE_PER_SENDER_PER_MINUTE: 'intake.perSender.limit',
  INTAKE_PER_CHAT_PER_MINUTE: 'intake.perChat.limit',
  INTAKE_SENDER_BACKLOG: 'intake.senderBacklog',
  INTAKE_CHAT_BACKLOG: 'intake.chatBacklog',
  INTAKE_TOTAL_BACKLOG: 'intake.totalBacklog',
  OPEN_CODES_PER_MEMBER: 'openCodes.member',
  OPEN_CODES_PER_COORDINATOR: 'openCodes.coordinator',
  AUDIT_PER_MEMBER_PER_HOUR: 'auditPerHour.member',
  AUDIT_PER_COORDINATOR_PER_HOUR: 'auditPerHour.coordinator',
  UNHEALTHY_EXIT_MINUTES: 'unhealthyExitMinutes',
} as const;

/**
 * The limits with the environment's overrides; a value that is not a whole number ≥ 1 is a
 * problem named in the returned list (the caller refuses to start, as for any bad configuration).
 */
export function limitsFromEnv(env: Record<string, string | undefined>): { limits: Limits; problems: string[] } {
  const limits: Limits = structuredClone(DEFAULT_LIMITS);
  const problems: string[] = [];
  for (const [name, path] of Object.entries(LIMIT_ENV)) {
    const raw = env[name]?.trim();
    if (!raw) continue;
    const value = Number(raw);
    if (!Number.isSafeInteger(value) || value < 1) {
      problems.push(`${name}: expected a whole number ≥ 1`);
      continue;
    }
    const keys = path.split('.');
    let target = limits as unknown as Record<string, unknown>;
    for (const k of keys.slice(0, -1)) target = target[k] as Record<string, unknown>;
    target[keys[keys.length - 1] as string] = value;
  }
  return { limits, problems };
}

/** No intake bound at all: for tests and benchmarks about something else than floods. */
export const UNLIMITED_INTAKE: IntakeLimits = {
  perSender: { limit: Number.MAX_SAFE_INTEGER, windowMs: 60_000 },
  perChat: { limit: Number.MAX_SAFE_INTEGER, windowMs: 60_000 },
  senderBacklog: Number.MAX_SAFE_INTEGER,
  chatBacklog: Number.MAX_SAFE_INTEGER,
  totalBacklog: Number.MAX_SAFE_INTEGER,
};
