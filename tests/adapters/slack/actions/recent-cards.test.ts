import { describe, expect, it } from 'vitest'
import { RecentCards } from '../../../../src/adapters/slack/actions/recent-cards.js'

const HERE = { channel: 'C1' }

describe('RecentCards', () => {
  it('claims a card once per place within the window, then again after it', () => {
    let clock = 0
    const recent = new RecentCards({ windowMs: 1000, now: () => clock })
    expect(recent.claim(HERE, 'doc#q1')).toBe(true)
    expect(recent.claim(HERE, 'doc#q1')).toBe(false)
    // Another quote, channel or thread is another card or place.
    expect(recent.claim(HERE, 'doc#q2')).toBe(true)
    expect(recent.claim({ channel: 'C2' }, 'doc#q1')).toBe(true)
    expect(recent.claim({ channel: 'C1', threadTs: '1.1' }, 'doc#q1')).toBe(true)
    clock = 1001
    expect(recent.claim(HERE, 'doc#q1')).toBe(true)
  })

  it('gives a claim back when the card surely did not go out', () => {
    const recent = new RecentCards()
    expect(recent.claim(HERE, 'doc#q1')).toBe(true)
    recent.release(HERE, 'doc#q1')
    expect(recent.claim(HERE, 'doc#q1')).toBe(true)
  })

  it('never holds more than max cards, forgetting the oldest first', () => {
    const recent = new RecentCards({ max: 2 })
    for (const id of ['a', 'b', 'c']) recent.claim(HERE, id)
    expect(recent.claim(HERE, 'c')).toBe(false)
    expect(recent.claim(HERE, 'a')).toBe(true)
  })
})
