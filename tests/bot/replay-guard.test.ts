import { describe, expect, it } from 'vitest'
import { isFreshTimestamp, REPLAY_WINDOW_SECONDS, SeenOnce } from '../../src/bot/replay-guard.js'

const NOW_MS = 1_750_000_000_000
const NOW = NOW_MS / 1000

describe('isFreshTimestamp', () => {
  it.each([
    [String(NOW), true],
    [String(NOW - REPLAY_WINDOW_SECONDS), true],
    [String(NOW + REPLAY_WINDOW_SECONDS), true],
    [String(NOW - REPLAY_WINDOW_SECONDS - 1), false],
    [String(NOW + REPLAY_WINDOW_SECONDS + 1), false],
    [String(NOW + 86_400), false],
    [String(NOW_MS), false],
    [`${NOW}.0`, false],
    [`+${NOW}`, false],
    [` ${NOW}`, false],
    ['x', false],
    ['', false],
    [undefined, false],
  ])('%j → %s', (header, fresh) => {
    expect(isFreshTimestamp(header, NOW_MS)).toBe(fresh)
  })
})

describe('SeenOnce', () => {
  it('says true the first time only', () => {
    const seen = new SeenOnce()
    expect(seen.first('a')).toBe(true)
    expect(seen.first('b')).toBe(true)
    expect(seen.first('a')).toBe(false)
  })

  it('forgets an id after its time, and never holds more than max ids', () => {
    let clock = 0
    const seen = new SeenOnce({ max: 3, ttlMs: 1000, now: () => clock })
    seen.first('a')
    clock = 1001
    expect(seen.first('a')).toBe(true)
    for (const id of ['b', 'c', 'd', 'e']) seen.first(id)
    expect(seen.size).toBe(3)
    // The oldest went first; the newest are still remembered.
    expect(seen.first('e')).toBe(false)
    expect(seen.first('a')).toBe(true)
  })
})

describe('SeenOnce keeps nothing of what an id was cut from', () => {
  it('holds a 43-character digest per id, whatever the id’s length, and still tells ids apart', () => {
    const seen = new SeenOnce()
    const body = `trigger_id=${'7'.repeat(1_000_000)}`
    const long = body.slice('trigger_id='.length)
    expect(seen.first(long)).toBe(true)
    // Differs from the first only in its last character.
    expect(seen.first(`${long.slice(0, -1)}8`)).toBe(true)
    expect(seen.first(`trigger:${'7'.repeat(1_000_000)}`)).toBe(true)
    expect(seen.first(long)).toBe(false)
    const held = [...seen.remembered()]
    expect(held).toHaveLength(3)
    for (const key of held) {
      expect(key).toMatch(/^[\w-]{43}$/)
      expect(long.includes(key)).toBe(false)
    }
  })
})
