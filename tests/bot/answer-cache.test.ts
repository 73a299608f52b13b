import { beforeAll, describe, expect, it } from 'vitest'
import { AnswerCache } from '../../src/bot/answer-cache.js'
import type { Bot, Requester } from '../../src/bot/bot.js'
import { createBot } from '../../src/bot/create-bot.js'
import { MAX_QUERY_CHARS, type SearchEngine } from '../../src/search/engine.js'
import { projectEngine } from '../helpers/engine.js'

const requester: Requester = { platform: 'slack', userId: 'U1' }
const MEGABYTE = 1_000_000
/** Small enough that a cache keeping whole questions could not hold even one of them. */
const BOUND = 128 * 1024

/** A distinct question of about 1 MB: what differs comes first, in the part the engine reads. */
function hugeQuestion(n: number, tail = 'doublage '): string {
  const head = `Question ${n} : que deviennent les monteurs et les scénaristes ? `
  return head + tail.repeat(Math.ceil((MEGABYTE - head.length) / tail.length))
}

let engine: SearchEngine
let cache: AnswerCache
let bot: Bot
beforeAll(async () => {
  engine = await projectEngine()
  cache = new AnswerCache(() => engine, BOUND)
  bot = createBot(() => engine, { answerCache: cache })
})

describe('answer cache', () => {
  it('stays within its byte bound under many distinct 1 MB questions, keeping many of them', async () => {
    for (let n = 0; n < 20; n++) {
      const answer = await bot.ask(hugeQuestion(n), requester)
      // The answer keeps no more of the question than the engine read (its title repeats the question).
      expect(answer.query?.length ?? 0).toBeLessThanOrEqual(MAX_QUERY_CHARS + 1)
      expect(answer.title.length).toBeLessThan(MAX_QUERY_CHARS + 100)
      expect(answer.notice).toContain('Question raccourcie')
      expect(cache.bytes).toBeLessThanOrEqual(BOUND)
    }
    // Entries are small because keys and answers hold at most what the engine read: several fit (an
    // answer with three passages weighs about 24 KB as JSON, two bytes a character).
    expect(cache.size).toBeGreaterThan(2)
    expect(cache.bytes / cache.size).toBeLessThan(32 * 1024)
  })

  it('answers two questions alike in what the engine reads from one entry, and others apart', async () => {
    const first = await bot.ask(hugeQuestion(100, 'monteur '), requester)
    const sameStart = await bot.ask(`${hugeQuestion(100, 'monteur ')} et la suite diffère`, requester)
    expect(sameStart).toBe(first)
    const other = await bot.ask(hugeQuestion(101, 'monteur '), requester)
    expect(other).not.toBe(first)
  })

  it('drops the least recently used entries first and forgets everything when the corpus changes', () => {
    let current = engine
    const small = new AnswerCache(() => current, BOUND, 2)
    const compute = (title: string) => () => ({
      kind: 'help' as const,
      title,
      lines: [],
      items: [],
      jobs: [],
      suggestions: [],
      examples: [],
      actions: [],
    })
    const a = small.get('a', compute('a'))
    small.get('b', compute('b'))
    expect(small.get('a', compute('a again'))).toBe(a)
    small.get('c', compute('c'))
    expect(small.get('a', compute('a again')).title).toBe('a')
    expect(small.get('b', compute('b again')).title).toBe('b again')
    current = Object.create(engine) as SearchEngine
    expect(small.get('a', compute('a after reload')).title).toBe('a after reload')
    expect(small.size).toBe(1)
  })
})
