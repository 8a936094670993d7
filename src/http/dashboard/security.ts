import type { IncomingHttpHeaders } from 'node:http';

/**
 * Headers on every dashboard response. No script may run at all (the pages need none), styles
 * only from our own stylesheet, forms only post back to us, and no other site may frame a page,
 * learn its address (the sign-in link's token), or keep a copy of it in a cache.
 */
export const DASHBOARD_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': DASHBOARD_CSP,
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'cross-origin-opener-policy': 'same-origin',
};

/** The session cookie's name: `__Host-` behind HTTPS, so the browser insists on Secure, Path=/ and no Domain. */
export function cookieName(secure: boolean): string {
  return secure ? '__Host-dondoc' : 'dondoc';
}

/** Set-Cookie for a new session: HttpOnly, SameSite=Strict, Secure behind HTTPS. */
export function sessionCookie(token: string, maxAgeSeconds: number, secure: boolean): string {
  return `${cookieName(secure)}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`;
}

/** Set-Cookie that removes the session cookie. */
export function clearedCookie(secure: boolean): string {
  return sessionCookie('', 0, secure);
}

/** The session token from a request's Cookie header, if any. */
export function readSessionCookie(headers: IncomingHttpHeaders, secure: boolean): string | undefined {
  const name = cookieName(secure);
  for (const part of (headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || undefined;
  }
  return undefined;
}

/** A proxy on this machine or the private network (nginx, Docker's bridge): its X-Forwarded-For is believed. */
function isPrivate(address: string): boolean {
  const a = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (a === '::1' || a.startsWith('127.') || a.startsWith('10.') || a.startsWith('192.168.')) return true;
  const m = /^172\.(\d+)\./.exec(a);
  return m !== null && Number(m[1]) >= 16 && Number(m[1]) <= 31;
}

/**
 * The client's address for per-IP limits. X-Forwarded-For is believed only from a proxy on a
 * private address (the README's nginx, in front of Docker's bridge), and then only its last entry:
 * the one that proxy itself appended. Anyone else is counted by the address they connect from.
 */
export function clientIp(remoteAddress: string | undefined, headers: IncomingHttpHeaders): string {
  const remote = remoteAddress ?? 'unknown';
  const forwarded = headers['x-forwarded-for'];
  if (!isPrivate(remote) || typeof forwarded !== 'string') return remote;
  return forwarded.split(',').at(-1)?.trim() || remote;
}

/**
 * Whether a POST comes from our own pages. Browsers say where a request comes from in
 * Sec-Fetch-Site; under `Referrer-Policy: no-referrer` Chromium sends `Origin: null` for our own
 * forms, so an Origin is held against us only when it names another site. With SameSite=Strict
 * cookies this is a second lock against cross-site forms.
 */
export function sameOrigin(headers: IncomingHttpHeaders, publicOrigin: string): boolean {
  const site = headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin') return false;
  const origin = headers.origin;
  if (typeof origin !== 'string' || origin === 'null' || origin === publicOrigin) return true;
  // The playground and tests reach the server directly: accept the Host it was addressed by.
  const host = headers.host;
  return typeof host === 'string' && (origin === `http://${host}` || origin === `https://${host}`);
}
