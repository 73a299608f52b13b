import { describe, expect, it } from 'vitest'
import { COMMANDS } from '../../commands/index.js'
import { EXPOSURE_LABELS } from '../../src/answers/answer.js'
import { jobMap } from '../../src/answers/items.js'
import { suggest } from '../../src/bot/suggest.js'
import type { SearchEngine } from '../../src/search/engine.js'
import { fold } from '../../src/text/normalize.js'
import { projectEngine } from '../helpers/engine.js'

/** What autocomplete offered before it had an index: a scan of the whole vocabulary per keystroke. */
function scanned(
  engine: SearchEngine,
  ranked: Array<[string, { surface: string }]>,
  partial: string,
): Array<{ name: string; value: string }> {
  const text = partial.replace(/\s+/g, ' ').trimStart().slice(0, 200)
  const lastSpace = text.lastIndexOf(' ')
  const head = lastSpace >= 0 ? text.slice(0, lastSpace + 1) : ''
  const prefix = fold(text.slice(lastSpace + 1))
  const out = new Map<string, { name: string; value: string }>()
  const add = (value: string, name: string = value) => {
    const full = `${head}${value}`
    if (!full.trim() || full.length > 100 || out.has(full) || out.size >= 25) return
    out.set(full, { name: `${head}${name}`.slice(0, 100), value: full })
  }
  const matches = (word: string) => prefix === '' || fold(word).startsWith(prefix)
  if (head === '')
    for (const c of COMMANDS)
      if (c.name !== 'recherche' && matches(c.name)) add(c.name, `${c.name} — ${c.description.fr}`)
  for (const entry of jobMap(engine))
    for (const job of entry.jobs)
      if (matches(job)) add(job, `${job} — ${EXPOSURE_LABELS[entry.exposure].fr.toLowerCase()}`)
  if (prefix.length > 0) {
    for (const [folded, { surface }] of ranked) if (folded.startsWith(prefix)) add(surface)
  }
  return [...out.values()]
}

describe('autocomplete', () => {
  it('offers exactly what a scan of the whole vocabulary offers, for every prefix the corpus has', async () => {
    const engine = await projectEngine()
    const ranked = [...engine.surfaceWords()].sort(
      (a, b) => b[1].count - a[1].count || a[1].surface.localeCompare(b[1].surface),
    )
    const prefixes = new Set<string>(['', ' ', 'm', 'É', 'œu', 'zzz'])
    for (const [folded, { surface }] of engine.surfaceWords()) {
      for (let n = 1; n <= Math.min(3, surface.length); n++) prefixes.add(surface.slice(0, n))
      prefixes.add(folded.slice(0, 3).toUpperCase())
    }
    const head = 'quels métiers '
    // A head this long leaves room for short words only: the longest ones must be skipped, not cut.
    const longHead = `${'x'.repeat(88)} `
    let compared = 0
    for (const prefix of prefixes) {
      for (const typed of [prefix, `${head}${prefix}`, `${longHead}${prefix}`]) {
        expect(suggest(engine, typed), typed).toEqual(scanned(engine, ranked, typed))
        compared++
      }
    }
    expect(compared).toBeGreaterThan(500)
  })
})
