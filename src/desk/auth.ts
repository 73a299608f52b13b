import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { DeskConfig } from '../config.js'

/**
 * Who may use the desk. A token comes in an `Authorization: Bearer` header (scripts) or once through the
 * login form, which sets a session cookie. The cookie never holds a token: it holds the role, an expiry and
 * an HMAC of both keyed by that role's token, so any process with the same settings accepts it (nothing is
 * kept on the server) and changing a token ends its sessions. Forms carry a CSRF token derived the same way
 * from the session.
 */

export type Role = 'editor' | 'reader'

export const SESSION_COOKIE = 'ia_cinema_desk'
export const SESSION_SECONDS = 12 * 60 * 60

export type Identity =
  | { role: Role; via: 'bearer' }
  | { role: Role; via: 'cookie'; session: string }
  /** Nothing presented: the login form. */
  | { role: undefined; via: 'none' }
  /** A token or cookie that is not valid: 401. */
  | { role: undefined; via: 'invalid' }

// Compared as HMACs under a key of this process: equal lengths, so timingSafeEqual never leaks a length.
const COMPARE_KEY = randomBytes(32)
function sameSecret(a: string, b: string): boolean {
  const digest = (text: string) => createHmac('sha256', COMPARE_KEY).update(text).digest()
  return timingSafeEqual(digest(a), digest(b))
}

const mac = (key: string, ...parts: string[]) =>
  createHmac('sha256', key).update(parts.join('\0')).digest('base64url')

export function cookiesOf(request: IncomingMessage): Map<string, string> {
  const cookies = new Map<string, string>()
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0) cookies.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim())
  }
  return cookies
}

export class DeskAuth {
  private readonly tokens: Array<[Role, string]>

  constructor(
    config: Pick<DeskConfig, 'editorToken' | 'readerToken'>,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = [['editor', config.editorToken]]
    if (config.readerToken) this.tokens.push(['reader', config.readerToken])
  }

  /** The role a token gives, if any. Every token is compared, so the time taken does not tell which matched. */
  roleOf(token: string): Role | undefined {
    let role: Role | undefined
    for (const [candidate, secret] of this.tokens) if (sameSecret(token, secret)) role ??= candidate
    return role
  }

  identify(request: IncomingMessage): Identity {
    const header = request.headers.authorization
    if (header !== undefined) {
      const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1]
      const role = bearer === undefined ? undefined : this.roleOf(bearer)
      return role ? { role, via: 'bearer' } : { role: undefined, via: 'invalid' }
    }
    const session = cookiesOf(request).get(SESSION_COOKIE)
    if (session === undefined || session === '') return { role: undefined, via: 'none' }
    const role = this.sessionRole(session)
    return role ? { role, via: 'cookie', session } : { role: undefined, via: 'invalid' }
  }

  /** A new session's cookie value for a role. */
  session(role: Role): string {
    const expires = String(Math.floor(this.now() / 1000) + SESSION_SECONDS)
    return `${role}.${expires}.${mac(this.tokenOf(role), 'desk session', role, expires)}`
  }

  /** The CSRF token of a session: the forms of that session carry it, and a write must bring it back. */
  csrfToken(session: string): string {
    const role = session.split('.')[0] as Role
    return mac(this.tokenOf(role), 'desk csrf', session)
  }

  checkCsrf(session: string, presented: string | null): boolean {
    return presented !== null && sameSecret(presented, this.csrfToken(session))
  }

  private sessionRole(session: string): Role | undefined {
    const [role, expires, signature, extra] = session.split('.')
    if (extra !== undefined || signature === undefined || (role !== 'editor' && role !== 'reader')) return
    const secret = this.tokens.find(([r]) => r === role)?.[1]
    if (secret === undefined || !/^\d{1,12}$/.test(expires ?? '')) return
    if (Number(expires) * 1000 <= this.now()) return
    return sameSecret(signature, mac(secret, 'desk session', role, expires as string)) ? role : undefined
  }

  private tokenOf(role: Role): string {
    return this.tokens.find(([r]) => r === role)?.[1] ?? ''
  }
}

const FAILURES_ALLOWED = 10
const FAILURE_WINDOW_MS = 10 * 60_000
const MAX_TRACKED = 10_000

/** Wrong tokens per client address: past 10 in 10 minutes, the desk answers 429 to that address for a while. */
export class FailedLogins {
  private readonly failures = new Map<string, number[]>()

  constructor(private readonly now: () => number = Date.now) {}

  blocked(address: string): boolean {
    return this.recent(address).length >= FAILURES_ALLOWED
  }

  fail(address: string): void {
    if (this.failures.size >= MAX_TRACKED) this.failures.clear()
    this.failures.set(address, [...this.recent(address), this.now()])
  }

  private recent(address: string): number[] {
    const since = this.now() - FAILURE_WINDOW_MS
    return (this.failures.get(address) ?? []).filter((at) => at > since)
  }
}
