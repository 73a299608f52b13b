import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { ImportError } from './errors.js'

export type SourceKind = 'html' | 'pdf' | 'markdown' | 'text'

/** A source's bytes, what kind of document they are, and where they came from. */
export interface LoadedSource {
  kind: SourceKind
  bytes: Uint8Array
  /** Character set the server or the page declared, for HTML and text. */
  charset?: string
  /** The address the document was fetched from, after redirects (URL sources only). */
  url?: string
  /** What the operator named: a file name (without its folders) or the URL. */
  label: string
}

/** Largest source accepted, file or download: big enough for a report full of images, small enough to read. */
export const MAX_SOURCE_BYTES = 20 * 1024 * 1024
/** Time allowed for a download, from the request to the last byte. */
export const FETCH_TIMEOUT_MS = 15_000

export interface ReadSourceOptions {
  maxBytes?: number
  timeoutMs?: number
}

const EXTENSIONS: Record<string, SourceKind> = {
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.pdf': 'pdf',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.txt': 'text',
}

export async function readSource(source: string, options: ReadSourceOptions = {}): Promise<LoadedSource> {
  const maxBytes = options.maxBytes ?? MAX_SOURCE_BYTES
  if (/^https?:\/\//i.test(source))
    return fetchSource(source, maxBytes, options.timeoutMs ?? FETCH_TIMEOUT_MS)
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source))
    throw new ImportError('IMPORT_UNSUPPORTED', `${source}: only http(s) URLs and local files are read`)
  return readLocal(source, maxBytes)
}

async function readLocal(file: string, maxBytes: number): Promise<LoadedSource> {
  const label = path.basename(file)
  const kind = EXTENSIONS[path.extname(file).toLowerCase()]
  if (!kind) {
    throw new ImportError(
      'IMPORT_UNSUPPORTED',
      `${label}: unsupported file type (expected .html, .htm, .pdf, .md or .txt)`,
    )
  }
  const info = await stat(file).catch(() => undefined)
  if (!info?.isFile()) throw new ImportError('IMPORT_UNREACHABLE', `${file}: no such file`)
  if (info.size > maxBytes) throw tooLarge(label, info.size, maxBytes)
  const bytes = new Uint8Array(await readFile(file))
  return { kind: sniff(bytes) ?? kind, bytes, label }
}

async function fetchSource(url: string, maxBytes: number, timeoutMs: number): Promise<LoadedSource> {
  let response: Response
  try {
    response = await fetch(url, {
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        'user-agent': 'ia-cinema corpus:add',
        accept: 'text/html, application/xhtml+xml, application/pdf, text/markdown, text/plain;q=0.8',
      },
    })
  } catch (error) {
    throw unreachable(url, error, timeoutMs)
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined)
    throw new ImportError('IMPORT_UNREACHABLE', `${url}: the server answered HTTP ${response.status}`)
  }
  const declared = Number(response.headers.get('content-length'))
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined)
    throw tooLarge(url, declared, maxBytes)
  }
  const bytes = await readBody(response, url, maxBytes, timeoutMs)
  const contentType = response.headers.get('content-type') ?? ''
  const kind =
    sniff(bytes) ??
    kindOfType(contentType) ??
    EXTENSIONS[path.extname(new URL(response.url || url).pathname).toLowerCase()] ??
    sniffText(bytes)
  if (!kind) {
    throw new ImportError(
      'IMPORT_UNSUPPORTED',
      `${url}: unsupported content type "${contentType.split(';')[0] || 'none'}"`,
    )
  }
  const charset = /charset=["']?([\w-]+)/i.exec(contentType)?.[1]
  return { kind, bytes, url: response.url || url, label: url, ...(charset ? { charset } : {}) }
}

/** The body, stopped as soon as it passes the limit (a server may send more than it announced). */
async function readBody(
  response: Response,
  url: string,
  maxBytes: number,
  timeoutMs: number,
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = []
  let total = 0
  try {
    for await (const chunk of response.body ?? []) {
      total += chunk.byteLength
      if (total > maxBytes) {
        await response.body?.cancel().catch(() => undefined)
        throw tooLarge(url, total, maxBytes, true)
      }
      chunks.push(chunk)
    }
  } catch (error) {
    if (error instanceof ImportError) throw error
    throw unreachable(url, error, timeoutMs)
  }
  return Buffer.concat(chunks)
}

function kindOfType(contentType: string): SourceKind | undefined {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? ''
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'html'
  if (type === 'application/pdf') return 'pdf'
  if (type === 'text/markdown' || type === 'text/x-markdown') return 'markdown'
  if (type === 'text/plain') return 'text'
  return undefined
}

/** A PDF says so in its first bytes, whatever its name or content type. */
function sniff(bytes: Uint8Array): SourceKind | undefined {
  return Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-' ? 'pdf' : undefined
}

function sniffText(bytes: Uint8Array): SourceKind | undefined {
  const head = Buffer.from(bytes.subarray(0, 512)).toString('utf8').trimStart().toLowerCase()
  return head.startsWith('<!doctype html') || head.startsWith('<html') ? 'html' : undefined
}

function tooLarge(label: string, size: number, maxBytes: number, stillComing = false): ImportError {
  const limit = maxBytes % (1024 * 1024) === 0 ? `${maxBytes / 1024 / 1024} MB` : `${maxBytes} bytes`
  const found = stillComing ? `more than ${size} bytes` : `${size} bytes`
  return new ImportError('IMPORT_TOO_LARGE', `${label}: too large (${found}; the limit is ${limit})`)
}

function unreachable(url: string, error: unknown, timeoutMs: number): ImportError {
  const name = error instanceof Error ? error.name : ''
  if (name === 'TimeoutError' || name === 'AbortError')
    return new ImportError('IMPORT_UNREACHABLE', `${url}: no complete answer within ${timeoutMs / 1000} s`)
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined
  const detail =
    (cause as NodeJS.ErrnoException | undefined)?.code ??
    cause?.message ??
    (error instanceof Error ? error.message : String(error))
  return new ImportError('IMPORT_UNREACHABLE', `${url}: cannot be fetched (${detail})`)
}

/** The source's text: the declared charset, else the one an HTML page names in its head, else UTF-8. */
export function decodeText(source: LoadedSource): string {
  const head = Buffer.from(source.bytes.subarray(0, 2048)).toString('latin1')
  const declared =
    source.charset ??
    (source.kind === 'html' ? /<meta[^>]+charset=["']?([\w-]+)/i.exec(head)?.[1] : undefined)
  try {
    return new TextDecoder(declared ?? 'utf-8').decode(source.bytes)
  } catch {
    return new TextDecoder('utf-8').decode(source.bytes) // an unknown label: UTF-8 is by far the likeliest
  }
}
