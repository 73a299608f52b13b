import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type FakeSlack, startFakeSlack } from '../helpers/fake-slack.js'
import { blockActionsPayload, SIGNING_SECRET, SlackSender } from '../helpers/fake-slack-requests.js'
import {
  alive,
  childPids,
  eventually,
  freePort,
  portOpen,
  type RunningProcess,
  startMain,
} from '../helpers/start-process.js'

/** The whole product as an operator starts it: npm start with Slack variables, driven by signed requests. */
describe('npm start with Slack configured', () => {
  let slack: FakeSlack
  let bot: RunningProcess
  let sender: SlackSender
  let port: number

  beforeAll(async () => {
    slack = await startFakeSlack()
    port = await freePort()
    bot = startMain({
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      PORT: String(port),
      SLACK_API_URL: slack.apiUrl,
      // Logging at info: the shutdown below writes lines into a pipe nobody reads any more.
      LOG_LEVEL: 'info',
    })
    sender = new SlackSender(`http://127.0.0.1:${port}/slack/events`)
    await eventually(async () => (await sender.urlVerification('ping')).status === 200)
  }, 40_000)

  afterAll(async () => {
    await bot.stop()
    await slack.stop()
  })

  it('answers /ia-cinema monteur privately with the junior editors passage, and shares it on a click', async () => {
    const responseUrl = slack.responseUrl()
    const reply = await sender.command({ text: 'monteur', responseUrl })
    expect(reply.status).toBe(200)
    const answer = reply.json ?? (await slack.waitFor(() => slack.responses.at(-1)?.body))
    expect(answer.response_type).toBe('ephemeral')
    const blocks = JSON.stringify(answer.blocks)
    expect(blocks).toContain('Les logiciels d’IA automatisent le montage de base')

    const shareValue = /"value":"(iac:share:[^"]+)"/.exec(blocks)?.[1]
    expect(shareValue).toBeDefined()
    const click = await sender.interaction(blockActionsPayload({ value: shareValue ?? '', responseUrl }))
    expect(click.status).toBe(200)
    const posted = await slack.waitFor(() => slack.callsTo('chat.postMessage').at(-1))
    expect(posted.body.channel).toBe('C0000001')
    expect(JSON.stringify(posted.body)).toContain('automatisent le montage de base')
  })

  it('rejects forged signatures and keeps running', async () => {
    const forged = await sender.command(
      { text: 'monteur', responseUrl: slack.responseUrl() },
      { signature: 'v0=00' },
    )
    expect(forged.status).toBe(401)
    expect(bot.child.exitCode).toBeNull()
  })

  it('exits 0 on SIGTERM when the reader of its logs went away at the same moment', async () => {
    const app = childPids(bot.child.pid ?? 0)
    // A supervisor stopping the service and its log pipe together: npm and the app share these pipes.
    bot.child.stdout?.destroy()
    bot.child.stderr?.destroy()
    bot.child.kill('SIGTERM')
    expect(await bot.exited).toBe(0)
    for (const pid of app) expect(alive(pid)).toBe(false)
    expect(await portOpen(port)).toBe(false)
  })
})
