import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Answer, emptyAnswer } from '../../src/answers/answer.js'
import type { Bot, Requester } from '../../src/bot/bot.js'
import { loadBot } from '../../src/bot/load-bot.js'
import { outcomeOf } from '../../src/bot/usage.js'
import { IN_MEMORY, openSqliteStore, type SqliteStore } from '../../src/storage/sqlite-store.js'

const requester: Requester = { platform: 'console', userId: 'U1' }

describe('outcomeOf (what the bot records of an answer)', () => {
  const results = (tier?: 'closest'): Answer => ({
    ...emptyAnswer('results', 'q'),
    ...(tier ? { tier } : {}),
  })

  it('tells a direct answer, the closest passages and nothing found apart', () => {
    expect(outcomeOf(results())).toBe('direct')
    expect(outcomeOf(results('closest'))).toBe('closest')
    expect(outcomeOf(emptyAnswer('empty', 'q'))).toBe('refused')
    expect(outcomeOf(emptyAnswer('quote', 'citation'))).toBe('direct')
  })
})

describe('the bot records what each question got', () => {
  let store: SqliteStore
  let bot: Bot
  beforeAll(async () => {
    store = openSqliteStore({ dataDir: IN_MEMORY }).store
    bot = await loadBot({ store })
  })
  afterAll(() => store.close())

  it('direct, closest (and its « Plus de résultats » page) or refused, as the answer shown said', async () => {
    const direct = await bot.ask('monteur', requester)
    const closest = await bot.ask('un monteur peut-il télétravailler ?', requester)
    const refused = await bot.ask('quel temps fait-il à Brest ?', requester)
    expect([direct.tier, closest.tier, refused.kind]).toEqual([undefined, 'closest', 'empty'])
    const more = closest.actions.find((action) => action.kind === 'more')
    expect(more).toBeDefined()
    const page = await bot.act(more?.id ?? '', requester)
    expect(page.type === 'answer' && page.answer.tier).toBe('closest')
    const report = await store.report({ since: new Date(Date.now() - 60_000) })
    expect(report.outcomes).toEqual([
      { command: 'recherche', direct: 1, closest: 1, refused: 1 },
      { command: 'plus', direct: 0, closest: 1, refused: 0 },
    ])
    expect(report.unanswered.map((row) => row.query)).toEqual(['quel temps fait-il à Brest ?'])
  })
})
