import { spawn } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FAKE_IDS, type FakeSlack, startFakeSlack } from '../helpers/fake-slack.js'
import { SIGNING_SECRET, SlackSender } from '../helpers/fake-slack-requests.js'
import { freshDatabase, type RunningCluster, startCluster } from '../helpers/postgres.js'
import { eventually, freePort, ROOT, type RunningProcess, startMain } from '../helpers/start-process.js'

/**
 * Two `npm start` instances in Slack HTTP mode, each with its own DATA_DIR, on one PostgreSQL (DATABASE_URL),
 * as behind a load balancer, against one fake Slack. A cluster of its own: this file stops it.
 */
const DESK_TOKEN = 'desk-token-two-instances-0123456789'

describe('two instances on one PostgreSQL', () => {
  let cluster: RunningCluster
  let url: string
  let slack: FakeSlack
  const instances: Array<{ main: RunningProcess; sender: SlackSender; port: number }> = []
  /** The daily quote's time, a few seconds after both have started (UTC, whole seconds), and its channel. */
  let dailyAt: Date
  let dailyChannel: string

  interface Health {
    status: string
    storage: { state: string; problem?: string }
  }
  const healthz = async (port: number) =>
    (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as Health
  const postsIn = (channel: string) =>
    slack.callsTo('chat.postMessage').filter((call) => call.body.channel === channel)
  const mention = (channel: string, ts: string) => ({
    type: 'app_mention',
    user: 'U0000042',
    channel,
    ts,
    text: `<@${FAKE_IDS.botUserId}> doublage`,
  })

  /**
   * Starts both instances on a new database with the quote due `marginMs` from now; true when both had
   * scheduled it for that time (not tomorrow's) before it was due. A start slower than the margin (a loaded
   * machine) is tried again with a longer one, on a new database and channel: waiting is the test's main cost.
   */
  async function startBoth(marginMs: number, attempt: number): Promise<boolean> {
    url = await freshDatabase(cluster, `instances_${attempt}`)
    dailyAt = new Date(Math.ceil((Date.now() + marginMs) / 1000) * 1000)
    dailyChannel = `CDAILY0${attempt}`
    const started = Date.now()
    for (let i = 0; i < 2; i++) {
      const port = await freePort()
      const main = startMain({
        SLACK_BOT_TOKEN: 'xoxb-test-token',
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slack.apiUrl,
        PORT: String(port),
        DATABASE_URL: url,
        DAILY_QUOTE_AT: dailyAt.toISOString().slice(11, 19),
        DAILY_QUOTE_TIMEZONE: 'UTC',
        DAILY_QUOTE_DAYS: 'everyday',
        DAILY_QUOTE_SLACK_CHANNEL: dailyChannel,
        CORPUS_WATCH: 'off',
        LOG_LEVEL: 'info',
        // The editor's desk on the first instance only: it reads what both recorded.
        ...(i === 0 ? { DESK_TOKEN } : {}),
      })
      instances.push({ main, sender: new SlackSender(`http://127.0.0.1:${port}/slack/events`), port })
    }
    const scheduled = (main: RunningProcess) =>
      /"next":"([^"]+)"[^\n]*"msg":"daily quote scheduled"/.exec(main.output())?.[1]
    for (const { main, sender } of instances) {
      await eventually(async () => (await sender.urlVerification('ping')).status === 200, 40_000)
      await eventually(() => scheduled(main), 10_000)
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1)
    const inTime = instances.every(({ main }) => scheduled(main) === dailyAt.toISOString())
    console.info(
      `both instances answering ${seconds} s after npm start (quote due after ${marginMs / 1000} s)`,
    )
    return inTime && Date.now() < dailyAt.getTime()
  }

  beforeAll(async () => {
    cluster = await startCluster(await freePort())
    slack = await startFakeSlack()
    if (await startBoth(10_000, 1)) return
    await Promise.all(instances.splice(0).map(({ main }) => main.stop()))
    // Both must be up before the quote is due, or the test would prove nothing.
    expect(await startBoth(40_000, 2)).toBe(true)
  }, 120_000)

  afterAll(async () => {
    await Promise.all(instances.map(({ main }) => main.stop()))
    await slack?.stop()
    await cluster?.remove()
  })

  const [a, b] = [0, 1]
  const sender = (i: number) => instances[i]?.sender as SlackSender

  it('acts once on an event sent to one instance and retried (X-Slack-Retry-Num: 1) to the other', async () => {
    const event = mention('C0000201', '1700000201.1')
    expect((await sender(a).event(event, { eventId: 'EvTWOINST1' })).status).toBe(200)
    await slack.waitFor(() => postsIn('C0000201')[0], 10_000)
    const retry = await sender(b).event(event, { eventId: 'EvTWOINST1', retryNum: 1 })
    expect(retry.status).toBe(200)
    // Barrier: a later mention to the same instance is answered, so the retry has been handled by then.
    await sender(b).event(mention('C0000202', '1700000202.1'))
    await slack.waitFor(() => postsIn('C0000202')[0], 10_000)
    expect(postsIn('C0000201')).toHaveLength(1)
    expect(instances[b]?.main.output()).toContain('already answered: event:EvTWOINST1')
  })

  it('shows both instances’ unanswered questions in one npm run report', async () => {
    for (const [i, text] of [
      [a, 'recette de la pizza margherita'],
      [b, 'horaires de la piscine municipale'],
    ] as const) {
      const reply = await sender(i).command({ text, responseUrl: slack.responseUrl() })
      expect(reply.status).toBe(200)
    }
    const report = await eventually(async () => {
      const run = await npmReport(url)
      return run.code === 0 &&
        run.stdout.includes('pizza margherita') &&
        run.stdout.includes('piscine municipale')
        ? run.stdout
        : undefined
    }, 20_000)
    expect(report).toMatch(/^Rapport ia-cinema depuis le .*\(PostgreSQL 127\.0\.0\.1:\d+\/instances_/)
    expect(report).not.toContain(cluster.password)
    const desk = await fetch(`http://127.0.0.1:${instances[a]?.port}/desk/questions`, {
      headers: { authorization: `Bearer ${DESK_TOKEN}` },
    })
    expect(desk.status).toBe(200)
    const page = await desk.text()
    expect(page).toContain('recette de la pizza margherita')
    expect(page).toContain('horaires de la piscine municipale')
  })

  it('posts the daily quote due on both instances once', async () => {
    const posted = await slack.waitFor(() => postsIn(dailyChannel)[0], 60_000)
    expect(JSON.stringify(posted.body)).toContain('Citation du jour')
    // Both were up and due at the same second: one posted, and the other found the slot claimed.
    const said = (text: string) => instances.filter(({ main }) => main.output().includes(`"msg":"${text}"`))
    const claimed = await eventually(() => {
      const [poster, other] = [said('daily quote posted'), said('daily quote already claimed: not posting')]
      return poster.length + other.length === 2 ? { poster, other } : undefined
    }, 20_000)
    expect([claimed.poster.length, claimed.other.length]).toEqual([1, 1])
    expect(claimed.poster[0]).not.toBe(claimed.other[0])
    expect(postsIn(dailyChannel)).toHaveLength(1)
  }, 70_000)

  it('with PostgreSQL stopped: answers within 3 s, says degraded; ok again by itself once it is back', async () => {
    await cluster.pause()
    for (const i of [a, b]) {
      const reply = await sender(i).command({ text: 'monteur', responseUrl: slack.responseUrl() })
      expect(reply.status).toBe(200)
      expect(reply.ms).toBeLessThan(3_000)
      console.info(
        `instance ${i}: slash command acknowledged in ${Math.round(reply.ms)} ms with PostgreSQL stopped`,
      )
    }
    for (const { port } of instances) {
      const degraded = await eventually(async () => {
        const health = await healthz(port)
        return health.storage.state === 'degraded' ? health : undefined
      }, 20_000)
      expect(degraded.status).toBe('degraded')
      expect(degraded.storage.problem).toMatch(/^PostgreSQL/)
    }
    // Questions asked meanwhile wait in memory and reach the database once it is back.
    await sender(a).command({ text: 'prix du caviar beluga', responseUrl: slack.responseUrl() })

    await cluster.start()
    const back = Date.now()
    for (const { port } of instances)
      await eventually(async () => ((await healthz(port)).status === 'ok' ? true : undefined), 70_000)
    console.info(
      `health ok on both instances ${((Date.now() - back) / 1000).toFixed(1)} s after PostgreSQL restarted`,
    )
    const report = await eventually(async () => {
      const run = await npmReport(url)
      return run.stdout.includes('caviar beluga') ? run.stdout : undefined
    }, 20_000)
    expect(report).toContain('caviar beluga')
  }, 120_000)
})

function npmReport(url: string): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', 'report', '--', '--since', '1d'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: url },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
    })
    child.on('exit', (code) => resolve({ code, stdout }))
  })
}
