import { mkdtemp, truncate, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ImportError } from '../../../src/corpus/import/errors.js'
import { decodeText, MAX_SOURCE_BYTES, readSource } from '../../../src/corpus/import/source.js'
import { FIXTURES } from './fixtures.js'
import { startFixtureServer } from './http-fixture-server.js'

async function refused(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ImportError)
  const { code, message } = error as ImportError
  return { code, message }
}

describe('readSource over HTTP (a server on 127.0.0.1)', () => {
  let server: Awaited<ReturnType<typeof startFixtureServer>>
  beforeAll(async () => {
    server = await startFixtureServer({
      // A page in Windows-1252, as older sites still serve them: « é » is one byte.
      '/article': (res) =>
        res
          .writeHead(200, { 'content-type': 'text/html; charset=windows-1252' })
          .end(Buffer.from('<html><body><p>« Le générique »</p></body></html>', 'latin1')),
      '/ancienne-adresse': (res) => res.writeHead(301, { location: '/article' }).end(),
      '/rapport': (res) =>
        res.writeHead(200, { 'content-type': 'application/octet-stream' }).end('%PDF-1.4\n…'),
      '/note.md': (res) => res.writeHead(200).end('# Note\n\nTexte.'),
      '/image': (res) => res.writeHead(200, { 'content-type': 'image/png' }).end('\x89PNG'),
      '/annonce-trop-longue': (res) =>
        res
          .writeHead(200, { 'content-type': 'text/html', 'content-length': String(MAX_SOURCE_BYTES + 1) })
          .end(),
      '/flot': (res) => {
        res.writeHead(200, { 'content-type': 'text/html' })
        for (let i = 0; i < 10; i++) res.write('x'.repeat(1000))
        res.end()
      },
      '/silence': () => {
        // Never answers: the import must give up on its own.
      },
    })
  })
  afterAll(() => server.close())

  it('follows a redirect, keeps the final address and decodes the declared charset', async () => {
    const loaded = await readSource(`${server.url}/ancienne-adresse`)
    expect(loaded).toMatchObject({ kind: 'html', url: `${server.url}/article`, charset: 'windows-1252' })
    expect(decodeText(loaded)).toContain('« Le générique »')
  })

  it('knows a PDF by its first bytes and Markdown by its extension when the server does not say', async () => {
    expect((await readSource(`${server.url}/rapport`)).kind).toBe('pdf')
    expect((await readSource(`${server.url}/note.md`)).kind).toBe('markdown')
  })

  it('refuses an error page, a type it cannot read, a body over the limit and a server that never answers', async () => {
    expect(await refused(readSource(`${server.url}/absent`))).toEqual({
      code: 'IMPORT_UNREACHABLE',
      message: `${server.url}/absent: the server answered HTTP 404`,
    })
    expect(await refused(readSource(`${server.url}/image`))).toMatchObject({
      code: 'IMPORT_UNSUPPORTED',
      message: expect.stringContaining('"image/png"'),
    })
    expect((await refused(readSource(`${server.url}/annonce-trop-longue`))).code).toBe('IMPORT_TOO_LARGE')
    // No length announced: counted as it arrives.
    expect(await refused(readSource(`${server.url}/flot`, { maxBytes: 4_000 }))).toEqual({
      code: 'IMPORT_TOO_LARGE',
      message: expect.stringMatching(/too large \(more than \d+ bytes; the limit is 4000 bytes\)$/),
    })
    expect(await refused(readSource(`${server.url}/silence`, { timeoutMs: 200 }))).toEqual({
      code: 'IMPORT_UNREACHABLE',
      message: `${server.url}/silence: no complete answer within 0.2 s`,
    })
  })

  it('refuses an address where nothing listens', async () => {
    const closed = await startFixtureServer({})
    await closed.close()
    expect(await refused(readSource(`${closed.url}/`))).toMatchObject({
      code: 'IMPORT_UNREACHABLE',
      message: expect.stringContaining('ECONNREFUSED'),
    })
  })
})

describe('readSource from a file', () => {
  it('reads by extension, and refuses other types, missing files, files over the limit and other schemes', async () => {
    expect((await readSource(path.join(FIXTURES, 'blog-post.html'))).kind).toBe('html')
    const dir = await mkdtemp(path.join(tmpdir(), 'ia-cinema-source-'))
    const big = path.join(dir, 'gros.pdf')
    await writeFile(big, '')
    await truncate(big, MAX_SOURCE_BYTES + 1) // sparse: nothing is really written
    expect(await refused(readSource(big))).toEqual({
      code: 'IMPORT_TOO_LARGE',
      message: `gros.pdf: too large (${MAX_SOURCE_BYTES + 1} bytes; the limit is 20 MB)`,
    })
    expect((await refused(readSource(path.join(dir, 'image.png')))).code).toBe('IMPORT_UNSUPPORTED')
    expect((await refused(readSource(path.join(dir, 'absent.html')))).code).toBe('IMPORT_UNREACHABLE')
    expect((await refused(readSource('ftp://example.org/a.pdf'))).code).toBe('IMPORT_UNSUPPORTED')
  })
})
