import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EngineHolder } from '../../src/bot/engine-holder.js'
import { deskRoute } from '../../src/desk/route.js'
import { takeOver } from '../../src/http/front.js'
import { sqliteDeskReader } from '../../src/storage/sqlite-desk-reader.js'
import { IN_MEMORY, openSqliteStore, type SqliteStore } from '../../src/storage/sqlite-store.js'
import { copyResolvedSync, FIXTURE_CORPUS_DIR } from '../helpers/corpus.js'

const EDITOR = 'editor-token-for-tests-0001'
const READER = 'reader-token-for-tests-0001'
const QUESTIONS = 'ia-emploi-cinema-audiovisuel.questions.yaml'
const HOSTILE = '<img src=x onerror=alert(1)> la plateforme au N rouge'

/** The desk as main.ts mounts it, on a server of its own, over a copy of the corpus and a store in memory. */
describe('/desk over HTTP', () => {
  let dir: string
  let holder: EngineHolder
  let store: SqliteStore
  let server: Server
  let base: string
  let origin: string

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'ia-cinema-desk-route-'))
    copyResolvedSync(FIXTURE_CORPUS_DIR, dir)
    const logger = pino({ level: 'silent' })
    holder = await EngineHolder.load(dir, logger)
    store = openSqliteStore({ dataDir: IN_MEMORY }).store
    for (const query of [HOSTILE, HOSTILE, 'quel temps fait-il ?'])
      store.recordQuery({ platform: 'slack', command: 'recherche', query, outcome: 'refused', resultIds: [] })
    store.recordQuery({
      platform: 'slack',
      command: 'recherche',
      query: 'monteur',
      outcome: 'direct',
      resultIds: ['ia-emploi-cinema-audiovisuel#p11'],
    })
    store.recordQuery({
      platform: 'slack',
      command: 'recherche',
      query: 'combien gagne un monteur ?',
      outcome: 'closest',
      resultIds: ['ia-emploi-cinema-audiovisuel#p11'],
    })
    const route = deskRoute({
      config: { editorToken: EDITOR, readerToken: READER, timeZone: 'Europe/Paris' },
      holder,
      reader: sqliteDeskReader(store),
      logger,
    })
    server = createServer()
    takeOver(server, [route])
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    base = `${origin}/desk`
  })
  afterAll(async () => {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
    await store.close()
    holder.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const get = (url: string, headers: Record<string, string> = {}) =>
    fetch(`${base}${url}`, { headers, redirect: 'manual' })
  const post = (url: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(`${base}${url}`, {
      method: 'POST',
      body: new URLSearchParams(form),
      headers: { origin, ...headers },
      redirect: 'manual',
    })
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` })
  async function login(token: string): Promise<{ cookie: string; csrf: string }> {
    const response = await post('/login', { token })
    expect(response.status).toBe(303)
    const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] as string
    const page = await (await get('/answer', { cookie })).text()
    return { cookie, csrf: /name="csrf" value="([^"]+)"/.exec(page)?.[1] ?? '' }
  }

  it('asks for a token (401 and the login form), and refuses a wrong one with 401', async () => {
    const none = await get('')
    expect(none.status).toBe(401)
    expect(none.headers.get('www-authenticate')).toContain('Bearer')
    expect(await none.text()).toContain('name="token"')
    expect((await get('/questions', bearer('not-the-token-at-all'))).status).toBe(401)
    const stale = await get('', { cookie: 'ia_cinema_desk=editor.1700000000.c2lnbmF0dXJl' })
    expect(stale.status).toBe(401)
    expect(await stale.text()).toContain('Session terminée')
    expect(stale.headers.get('set-cookie')).toContain('Max-Age=0')
    const css = await get('/desk.css')
    expect([css.status, css.headers.get('content-type')]).toEqual([200, 'text/css; charset=utf-8'])
  })

  it('serves the week with a chart drawn from the store, under a CSP that allows no script', async () => {
    const response = await get('', bearer(EDITOR))
    expect(response.status).toBe(200)
    const csp = response.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("default-src 'none'")
    expect(csp).not.toMatch(/script-src|unsafe-inline/)
    const page = await response.text()
    expect(page).toMatch(/<svg class="chart"[\s\S]*data-series="direct" data-value="1"/)
    expect(page).toMatch(/<svg class="chart"[\s\S]*data-series="closest" data-value="1"/)
    expect(page).toMatch(/<svg class="chart"[\s\S]*data-series="refused" data-value="3"/)
    expect(page).toContain('<li><strong>1</strong> le plus proche</li>')
    expect(page).toContain('Les monteurs vidéo (juniors)')
    expect(page).not.toContain('<script')
  })

  it('lists unanswered questions escaped, and in English when the browser asks', async () => {
    const page = await (await get('/questions', bearer(EDITOR))).text()
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt; la plateforme au N rouge')
    expect(page).not.toContain('<img src=x')
    expect(page).toContain('sans réponse ×2')
    const english = await (
      await get('/questions', { ...bearer(EDITOR), 'accept-language': 'en-GB,en' })
    ).text()
    expect(english).toContain('Attach to this passage')
    expect(english).toContain('<html lang="en">')
  })

  it('logs in with the form: an HttpOnly, SameSite=Strict cookie that does not hold the token', async () => {
    const response = await post('/login', { token: EDITOR })
    expect(response.headers.get('location')).toBe('/desk')
    const setCookie = response.headers.get('set-cookie') ?? ''
    expect(setCookie).toMatch(/; Path=\/desk; HttpOnly; SameSite=Strict; Max-Age=43200$/)
    expect(setCookie).not.toContain(EDITOR)
    const wrong = await post('/login', { token: 'wrong-token-wrong-token' })
    expect(wrong.status).toBe(401)
    expect(await wrong.text()).toContain('Jeton refusé.')
    expect((await post('/login', { token: EDITOR }, { origin: 'https://evil.example' })).status).toBe(403)
  })

  it('writes only with the session’s CSRF token, from the desk’s own origin, and only for editors', async () => {
    const before = readFileSync(path.join(dir, QUESTIONS), 'utf8')
    const editor = await login(EDITOR)
    const fields = {
      question: 'la plateforme au N rouge',
      record: 'ia-emploi-cinema-audiovisuel#q18',
      scope: 'passage',
    }
    expect((await post('/attach', fields, { cookie: editor.cookie })).status).toBe(403)
    expect(
      (
        await post(
          '/attach',
          { ...fields, csrf: editor.csrf },
          { cookie: editor.cookie, origin: 'http://evil.example' },
        )
      ).status,
    ).toBe(403)
    const reader = await login(READER)
    const readerPage = await (await get('/questions', { cookie: reader.cookie })).text()
    expect(readerPage).not.toContain('action="/desk/attach"')
    expect((await post('/attach', { ...fields, csrf: reader.csrf }, { cookie: reader.cookie })).status).toBe(
      403,
    )
    expect(readFileSync(path.join(dir, QUESTIONS), 'utf8')).toBe(before)

    const done = await post('/attach', { ...fields, csrf: editor.csrf }, { cookie: editor.cookie })
    expect(done.status).toBe(303)
    const location = done.headers.get('location') ?? ''
    expect(location).toMatch(/^\/desk\/answer\?question=la\+plateforme.*&status=added/)
    const result = await (await fetch(`${origin}${location}`, { headers: { cookie: editor.cookie } })).text()
    expect(result).toMatch(/data-outcome="(direct|closest)"/)
    expect(result).toContain('<li class="target" data-record="ia-emploi-cinema-audiovisuel#q18">')
    expect(readFileSync(path.join(dir, QUESTIONS), 'utf8')).toContain('"la plateforme au N rouge"')
  })

  it('says so when what the bot recorded cannot be read (503), and still serves the corpus', async () => {
    await store.close()
    const page = await get('/questions', bearer(READER))
    expect(page.status).toBe(503)
    expect(await page.text()).toContain('ne peut pas être lu')
    expect((await get('/corpus', bearer(READER))).status).toBe(200)
  })

  it('answers HEAD without a body, 404 for a page it does not have, and 429 after ten wrong tokens', async () => {
    // The corpus browser: it does not read the store, closed by the test above.
    const head = await fetch(`${base}/corpus`, { method: 'HEAD', headers: bearer(EDITOR) })
    expect([head.status, await head.text()]).toEqual([200, ''])
    expect((await get('/nowhere', bearer(EDITOR))).status).toBe(404)
    expect((await get('/corpus/no-such-document', bearer(EDITOR))).status).toBe(404)
    for (let i = 0; i < 10; i++) await get('', bearer(`wrong-token-number-${i}`))
    expect((await post('/login', { token: EDITOR })).status).toBe(429)
    // The right token by header is refused too: the limit stops a guesser, it does not only slow one down.
    expect((await get('', bearer(EDITOR))).status).toBe(429)
  })
})
