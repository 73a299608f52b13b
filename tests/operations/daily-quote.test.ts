import { describe, expect, it } from 'vitest'
import type { AnswerItem } from '../../src/answers/answer.js'
import type { AdapterHandle, CardFile } from '../../src/bot/adapter.js'
import type { CardImage, CardSource } from '../../src/cards/card-renderer.js'
import { createLogger } from '../../src/logger.js'
import { cronPattern, DailyQuote, dayIn } from '../../src/operations/daily-quote.js'
import { IN_MEMORY, openSqliteStore } from '../../src/storage/sqlite-store.js'
import { projectEngine } from '../helpers/engine.js'

function recordingAdapter() {
  const posts: Array<{ channel: string; item: AnswerItem; card?: CardFile }> = []
  const adapter: AdapterHandle = {
    status: () => 'ready',
    async postDailyQuote(channel, item, card) {
      posts.push({ channel, item, ...(card ? { card } : {}) })
    },
    async stop() {},
  }
  return { adapter, posts }
}

describe('daily quote', () => {
  it('runs at the configured time, on working days unless told otherwise', () => {
    expect(cronPattern({ at: '09:30', days: 'weekdays' })).toBe('30 9 * * 1-5')
    expect(cronPattern({ at: '18:05', days: 'everyday' })).toBe('5 18 * * *')
    expect(cronPattern({ at: '18:05:30', days: 'everyday' })).toBe('30 5 18 * * *')
    expect(dayIn('Europe/Paris', new Date('2026-11-26T23:30:00Z'))).toBe('2026-11-27')
  })

  it('posts one quote per channel and day, never twice, and none again until all were posted', async () => {
    const engine = await projectEngine()
    const { store } = openSqliteStore({ dataDir: IN_MEMORY })
    const slack = recordingAdapter()
    const discord = recordingAdapter()
    const daily = new DailyQuote({
      config: {
        at: '09:30',
        timezone: 'Europe/Paris',
        days: 'everyday',
        slackChannel: 'C1',
        discordChannel: '42',
        card: false,
      },
      store,
      getEngine: () => engine,
      targets: [
        { platform: 'slack', channel: 'C1', adapter: slack.adapter },
        { platform: 'discord', channel: '42', adapter: discord.adapter },
      ],
      logger: createLogger('silent'),
    })
    try {
      const day = new Date('2026-11-26T08:30:00Z')
      await daily.post(day)
      await daily.post(day) // a restart, or a second process, the same day
      expect(slack.posts).toHaveLength(1)
      expect(discord.posts).toHaveLength(1)
      expect(slack.posts[0]?.item.kind).toBe('quote')
      expect(slack.posts[0]?.item.source.url).toMatch(/^https:/)
      expect(slack.posts[0]?.card).toBeUndefined()

      const quotes = [...engine.records.values()].filter((r) => r.kind === 'quote').length
      for (let i = 1; slack.posts.length < quotes; i++)
        await daily.post(new Date(day.getTime() + i * 86_400_000))
      const ids = slack.posts.map((p) => p.item.id)
      expect(new Set(ids).size).toBe(quotes)
    } finally {
      daily.stop()
      await store.close()
    }
  })

  it('posts the card with the quote when DAILY_QUOTE_CARD is on, and the text alone if the card fails', async () => {
    const engine = await projectEngine()
    const { store } = openSqliteStore({ dataDir: IN_MEMORY })
    const slack = recordingAdapter()
    const asked: Array<{ id: string; version: string }> = []
    let failing = false
    const cards: CardSource = {
      async card(item, version) {
        asked.push({ id: item.id, version })
        if (failing) throw new Error('renderer down')
        return { png: Buffer.from('png'), filename: 'c.png', alt: item.id } as unknown as CardImage
      },
    }
    const daily = new DailyQuote({
      config: { at: '09:30', timezone: 'Europe/Paris', days: 'everyday', slackChannel: 'C1', card: true },
      store,
      getEngine: () => engine,
      targets: [{ platform: 'slack', channel: 'C1', adapter: slack.adapter }],
      logger: createLogger('silent'),
      cards,
    })
    try {
      await daily.post(new Date('2026-11-26T08:30:00Z'))
      failing = true
      await daily.post(new Date('2026-11-27T08:30:00Z'))
      const [first, second] = slack.posts
      expect(asked).toEqual([
        { id: first?.item.id, version: engine.corpus.version },
        { id: second?.item.id, version: engine.corpus.version },
      ])
      expect(first?.card?.alt).toBe(first?.item.id)
      expect(second?.item.kind).toBe('quote')
      expect(second?.card).toBeUndefined()
    } finally {
      daily.stop()
      await store.close()
    }
  })

  it('posts nothing while the store cannot claim the slot, and tries again until it can', async () => {
    const engine = await projectEngine()
    const { store } = openSqliteStore({ dataDir: IN_MEMORY })
    let reachable = false
    const flaky = Object.create(store) as typeof store
    flaky.pickDailyQuote = (slot, candidates, random) =>
      reachable ? store.pickDailyQuote(slot, candidates, random) : Promise.reject(new Error('unreachable'))
    const slack = recordingAdapter()
    const daily = new DailyQuote({
      config: { at: '09:30', timezone: 'Europe/Paris', days: 'everyday', slackChannel: 'C1', card: false },
      store: flaky,
      getEngine: () => engine,
      targets: [{ platform: 'slack', channel: 'C1', adapter: slack.adapter }],
      logger: createLogger('silent'),
      retryMs: 20,
    })
    try {
      await daily.post()
      expect(slack.posts).toEqual([])
      await new Promise((resolve) => setTimeout(resolve, 60))
      expect(slack.posts).toEqual([])
      reachable = true
      for (let i = 0; i < 100 && slack.posts.length === 0; i++) await new Promise((r) => setTimeout(r, 10))
      expect(slack.posts).toHaveLength(1)
      // Claimed once: a later run the same day posts nothing more.
      await daily.post()
      expect(slack.posts).toHaveLength(1)
    } finally {
      daily.stop()
      await store.close()
    }
  })
})
