import type { IncomingMessage } from 'node:http'

/** A form body larger than this is refused: the desk's forms send a question and a few ids. */
export const MAX_FORM_BYTES = 16 * 1024

export class FormError extends Error {
  readonly code = 'DESK_FORM'
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message)
    this.name = 'FormError'
  }
}

/** The fields of a URL-encoded form body. */
export async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase()
  if (type !== 'application/x-www-form-urlencoded')
    throw new FormError(415, 'expected application/x-www-form-urlencoded')
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > MAX_FORM_BYTES) throw new FormError(413, `form over ${MAX_FORM_BYTES} bytes`)
    chunks.push(chunk)
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'))
}

const first = (value: string | string[] | undefined) =>
  (Array.isArray(value) ? value[0] : value)?.split(',')[0]?.trim()

/** Served over HTTPS, directly or behind a proxy that says so: the session cookie is then `Secure`. */
export function isSecure(request: IncomingMessage): boolean {
  return (
    Boolean((request.socket as { encrypted?: boolean }).encrypted) ||
    first(request.headers['x-forwarded-proto'])?.toLowerCase() === 'https'
  )
}

/**
 * A write from a browser must come from a page of this server: its Origin names this host (as the client
 * reached it, or as a proxy forwarded it). Without Origin, Sec-Fetch-Site must say same-origin.
 */
export function fromSameOrigin(request: IncomingMessage): boolean {
  const origin = first(request.headers.origin)
  if (origin === undefined || origin === 'null') return request.headers['sec-fetch-site'] === 'same-origin'
  let host: string
  try {
    host = new URL(origin).host.toLowerCase()
  } catch {
    return false
  }
  const hosts = [first(request.headers.host), first(request.headers['x-forwarded-host'])]
  return hosts.some((h) => h !== undefined && h.toLowerCase() === host)
}

/** The client's address, for counting wrong tokens (the socket's: a forwarded header could be forged). */
export function clientAddress(request: IncomingMessage): string {
  return request.socket.remoteAddress ?? 'unknown'
}
