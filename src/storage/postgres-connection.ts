import pg from 'pg'

/** How the PostgreSQL store connects, and how its failures are told without a password or a host name. */

/** The URL with its password (and a password parameter) masked, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '***'
    for (const name of ['password', 'sslpassword'])
      if (parsed.searchParams.has(name)) parsed.searchParams.set(name, '***')
    return parsed.toString()
  } catch {
    return 'the URL (unreadable)'
  }
}

/** Where the data is, for the report's heading: host, port and database, nothing secret. */
export function describeWhere(url: string): string {
  try {
    const parsed = new URL(url)
    return `PostgreSQL ${parsed.host}${parsed.pathname}`
  } catch {
    return 'PostgreSQL'
  }
}

const WORDS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EPIPE: 'connection closed',
  '28P01': 'password authentication failed',
  '28000': 'authentication refused',
  '3D000': 'database does not exist',
  '57P01': 'server shut down',
  '57P02': 'server crashed',
  '57P03': 'server starting or stopping',
  '53300': 'too many connections',
  '42501': 'permission denied',
}

/**
 * A short reason for /healthz (public on the Slack port) and for the one start-up line: a word for the
 * error's code, never the server's address or the URL.
 */
export function describePostgresFailure(error: unknown): string {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown }
  if (typeof code === 'string' && WORDS[code]) return `PostgreSQL: ${WORDS[code]}`
  const text = typeof message === 'string' ? message : ''
  if (/timeout|timed out/i.test(text)) return 'PostgreSQL: timed out'
  if (/terminat|Connection terminated|closed|not queryable/i.test(text)) return 'PostgreSQL: connection lost'
  return typeof code === 'string' ? `PostgreSQL error ${code}` : 'PostgreSQL unreachable'
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '53300',
])

/**
 * Whether an error says the server is out of reach, as opposed to one statement failing (a read that took
 * too long, an error in a query): only the first makes the whole store degraded.
 */
export function isConnectionFailure(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown }
  if (typeof code === 'string') return CONNECTION_CODES.has(code)
  const text = typeof message === 'string' ? message : ''
  return /terminat|Connection terminated|closed|not queryable|trying to connect/i.test(text)
}

/** A small pool: the bot's writes are batched, claims are one short statement each. */
export const POOL_SIZE = 5
/** A connection not made within this is a failure (the server gone, or a network that drops packets). */
export const CONNECT_TIMEOUT_MS = 3_000
/** A statement not answered within this is a failure (client side: the server may be stuck). */
export const QUERY_TIMEOUT_MS = 5_000

/**
 * A connection of its own for the migrations, without the pool's statement timeout: an instance that starts
 * while another migrates waits on the migration lock for as long as that takes (a rolling start), and a
 * migration of a large table may take longer than any one statement should while serving.
 */
export async function migrationClient(url: string): Promise<pg.Client> {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    application_name: 'ia-cinema migrations',
  })
  // An error after connect (the server lost mid-migration) rejects the query being run; not thrown here.
  client.on('error', () => undefined)
  await client.connect()
  return client
}

export function createPool(url: string): pg.Pool {
  return new pg.Pool({
    connectionString: url,
    max: POOL_SIZE,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    query_timeout: QUERY_TIMEOUT_MS,
    idleTimeoutMillis: 10_000,
    keepAlive: true,
    application_name: 'ia-cinema',
    // BIGINT columns (times in ms, counts) as numbers: every value the store keeps is far below 2^53.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === pg.types.builtins.INT8
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  })
}
