import { spawnSync } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DeskBrowser, launchDeskBrowser, NO_BROWSER } from '../helpers/browser.js'
import { copyResolved, FIXTURE_CORPUS_DIR } from '../helpers/corpus.js'
import { eventually, freePort, ROOT, type RunningProcess, startMain } from '../helpers/start-process.js'

const EDITOR = 'desk-editor-token-0123456789'
const READER = 'desk-reader-token-0123456789'
const QUESTIONS = 'ia-emploi-cinema-audiovisuel.questions.yaml'
/** Questions the article answers in other words: unanswered until attached to their closest passage. */
const CLICKED = 'la pellicule rayée on la sauve comment ?'
const POSTED = 'les séries vont toutes se ressembler à force ?'

/**
 * The editor's loop through `npm start` itself (the console chat, with the desk on HEALTH_PORT): questions
 * that find nothing show up on the desk; one is attached in a real browser, one by a plain form post; then
 * `npm run ask`, a process of its own reading the same corpus folder, answers both with their passages.
 */
describe('the editor’s desk through npm start', () => {
  let corpusDir: string
  let bot: RunningProcess
  let base: string
  let browser: DeskBrowser | undefined
  /** Launched while npm start starts (a second or two each); a launch that fails fails the browser test. */
  let launching: Promise<DeskBrowser | Error> | undefined
  const attached = new Map<string, string>()

  beforeAll(async () => {
    launching = NO_BROWSER
      ? undefined
      : launchDeskBrowser().then(
          (launched) => (browser = launched),
          (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
        )
    corpusDir = await mkdtemp(path.join(tmpdir(), 'ia-cinema-desk-corpus-'))
    await copyResolved(FIXTURE_CORPUS_DIR, corpusDir)
    const port = await freePort()
    base = `http://127.0.0.1:${port}`
    bot = startMain({
      CORPUS_DIR: corpusDir,
      HEALTH_PORT: String(port),
      DESK_TOKEN: EDITOR,
      DESK_READONLY_TOKEN: READER,
    })
    await eventually(async () => (await fetch(`${base}/healthz`)).ok)
    bot.child.stdin?.write(`${[CLICKED, POSTED, CLICKED, 'monteur'].join('\n')}\n`)
    await eventually(async () => {
      const page = await (await fetch(`${base}/desk/questions`, { headers: bearer(EDITOR) })).text()
      return page.includes('sans réponse ×2') && page.includes(POSTED)
    })
  }, 60_000)

  afterAll(async () => {
    await launching
    await browser?.close()
    bot.child.stdin?.end()
    const code = await Promise.race([bot.exited, new Promise((r) => setTimeout(r, 10_000, 'timeout'))])
    if (code !== 0) bot.kill()
    await rm(corpusDir, { recursive: true, force: true })
    expect(code).toBe(0)
  }, 20_000)

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

  it('lists the questions that found nothing; a wrong token gets 401, none the login form', async () => {
    const page = await (await fetch(`${base}/desk/questions`, { headers: bearer(READER) })).text()
    expect(page).toContain(`« ${CLICKED} »`)
    expect(page).toContain(`« ${POSTED} »`)
    expect(page).not.toContain('action="/desk/attach"')
    expect((await fetch(`${base}/desk`, { headers: bearer('not-the-desk-token') })).status).toBe(401)
    const none = await fetch(`${base}/desk`)
    expect(none.status).toBe(401)
    expect(await none.text()).toContain('name="token"')
  })

  it.skipIf(NO_BROWSER)(
    'in a browser: log in, see the week’s chart, attach a question in one click, see it answered',
    async () => {
      const launched = await launching
      if (!launched || launched instanceof Error) throw launched ?? new Error('the browser was not launched')
      const page = await launched.newPage()
      await page.goto(`${base}/desk`)
      await page.type('input[name=token]', EDITOR)
      await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')])
      const refused = await page.$$eval('svg.chart rect[data-series="refused"]', (rects) =>
        rects.reduce((sum, rect) => sum + Number(rect.getAttribute('data-value')), 0),
      )
      expect(refused).toBe(3)
      expect(
        await page.$eval('svg.chart rect[data-series="refused"]', (r) => r.getBoundingClientRect().height),
      ).toBeGreaterThan(0)

      await page.goto(`${base}/desk/questions`)
      const button = await page.waitForSelector(
        `xpath///article[h3[contains(., ${JSON.stringify(CLICKED.slice(0, 30))})]]//form[input[@name="scope" and @value="passage"]]/button`,
      )
      await Promise.all([page.waitForNavigation(), button?.click()])
      expect(await page.$eval('[data-attach]', (p) => p.getAttribute('data-attach'))).toBe('added')
      expect(await page.$eval('[data-outcome]', (p) => p.getAttribute('data-outcome'))).not.toBe('refused')
      const first = await page.$eval('ol.hits li', (li) => ({
        record: li.getAttribute('data-record'),
        target: li.classList.contains('target'),
      }))
      expect(first.target).toBe(true)
      attached.set(CLICKED, first.record ?? '')
      expect(launched.problems()).toEqual([])
    },
    60_000,
  )

  it('attaches by a plain form post too (session cookie, CSRF token, same origin)', async () => {
    const login = await fetch(`${base}/desk/login`, {
      method: 'POST',
      body: new URLSearchParams({ token: EDITOR }),
      headers: { origin: base },
      redirect: 'manual',
    })
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string
    const page = await (await fetch(`${base}/desk/questions`, { headers: { cookie } })).text()
    const form = page
      .split('<article class="question">')
      .find((article) => article.includes(`« ${POSTED.replace(/'/g, '&#39;')} »`))
    const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(form ?? '')?.[1] ?? ''
    const record = field('record')
    expect(record).toMatch(/^ia-emploi-cinema-audiovisuel#[pq]\d+$/)
    const posted = await fetch(`${base}/desk/attach`, {
      method: 'POST',
      body: new URLSearchParams({ csrf: field('csrf'), question: POSTED, record, scope: 'passage' }),
      headers: { cookie, origin: base },
      redirect: 'manual',
    })
    expect(posted.status).toBe(303)
    expect(posted.headers.get('location')).toContain('status=added')
    attached.set(POSTED, record)
    expect(await readFile(path.join(corpusDir, QUESTIONS), 'utf8')).toContain(JSON.stringify(POSTED))
  })

  it('npm run ask, on the same corpus folder, now answers them with the passage each was attached to', () => {
    const asked = [...attached.keys()]
    expect(asked.length).toBeGreaterThan(0)
    const run = spawnSync('npm', ['run', '--silent', 'ask', '--', '--json', '-'], {
      cwd: ROOT,
      input: `${asked.join('\n')}\n`,
      encoding: 'utf8',
      timeout: 60_000,
      env: { PATH: process.env.PATH ?? '', CORPUS_DIR: corpusDir },
    })
    expect(run.status).toBe(0)
    const answers = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { query: string; results: Array<{ id: string }> })
    expect(answers.map((a) => [a.query, a.results[0]?.id])).toEqual(asked.map((q) => [q, attached.get(q)]))
  }, 60_000)
})
