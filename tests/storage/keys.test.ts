import { describe, expect, it } from 'vitest'
import { clipQuery, hashUser, isUserHash, normalizeQuery, queryKeyOf } from '../../src/storage/keys.js'

describe('hashUser', () => {
  it('is a 32-character hex digest that depends on salt, platform and id', () => {
    const hash = hashUser('salt-one-0123456789', 'slack', 'U123')
    expect(hash).toMatch(/^[0-9a-f]{32}$/)
    expect(isUserHash(hash)).toBe(true)
    expect(hashUser('salt-one-0123456789', 'slack', 'U123')).toBe(hash)
    expect(hashUser('salt-two-0123456789', 'slack', 'U123')).not.toBe(hash)
    expect(hashUser('salt-one-0123456789', 'discord', 'U123')).not.toBe(hash)
    expect(hashUser('salt-one-0123456789', 'slack', 'U124')).not.toBe(hash)
  })

  it('cannot be mistaken for a Slack or Discord id', () => {
    expect(isUserHash('U0123ABCD')).toBe(false)
    expect(isUserHash('123456789012345678')).toBe(false)
    expect(isUserHash('A'.repeat(32))).toBe(false)
  })
})

describe('query keys', () => {
  it('ignore case, spacing, typographic apostrophes and final punctuation', () => {
    expect(normalizeQuery("  L'IA   remplace-t-elle les MONTEURS ?  ")).toBe(
      "l'ia remplace-t-elle les monteurs",
    )
    expect(queryKeyOf('l’IA remplace-t-elle les monteurs…')).toBe(
      queryKeyOf("L'IA remplace-t-elle\nles monteurs"),
    )
    expect(queryKeyOf('monteur')).not.toBe(queryKeyOf('monteurs'))
    expect(queryKeyOf('')).toMatch(/^[0-9a-f]{12}$/)
    // Keys are stored and carried by buttons already posted: the same text keeps the same key across versions.
    expect(queryKeyOf('Monteur ?')).toBe('36fc0fbdf614')
  })

  it('cut a long question at 500 characters without splitting an emoji', () => {
    expect(clipQuery('a'.repeat(600))).toHaveLength(500)
    const clipped = clipQuery(`${'a'.repeat(499)}🎬🎬`)
    expect(Array.from(clipped)).toHaveLength(500)
    expect(clipped.endsWith('🎬')).toBe(true)
  })
})
