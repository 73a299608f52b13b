import { beforeAll, describe, expect, it } from 'vitest'
import { quoted } from '../../src/answers/answer.js'
import { itemBody } from '../../src/answers/item-body.js'
import { toItem } from '../../src/answers/items.js'
import type { SearchEngine } from '../../src/search/engine.js'
import { projectEngine } from '../helpers/engine.js'

let engine: SearchEngine
beforeAll(async () => {
  engine = await projectEngine()
})

/** The item of the record whose text starts with `start`, the words of `query` marked. */
function itemStarting(start: string, query = '') {
  const record = [...engine.records.values()].find((r) => r.text.startsWith(start))
  if (!record) throw new Error(`no record starts with ${start}`)
  return toItem(engine, record, engine.search(query).terms)
}

describe('itemBody', () => {
  it('sets a heading the paragraph repeats at its start apart, the text itself left verbatim', () => {
    const item = itemStarting('Les monteurs vidéo (juniors) Les logiciels', 'monteur montage')
    const body = itemBody(item)
    expect(body.runIn).toBe('Les monteurs vidéo (juniors)')
    expect(body.text.startsWith('Les logiciels d’IA automatisent le montage de base')).toBe(true)
    expect(item.text.startsWith('Les monteurs vidéo (juniors) Les logiciels')).toBe(true)
    // The segments of the rest rebuild it, and a match inside it stays marked.
    expect(body.segments.map((s) => s.text).join('')).toBe(body.text)
    expect(body.segments.find((s) => s.match)?.text).toBe('montage')
  })

  it('leaves a section title that is the subject of the first sentence where it is', () => {
    const item = itemStarting('L’affaire Studio Ghibli illustre')
    expect(item.section.at(-1)).toBe('L’affaire Studio Ghibli')
    expect(itemBody(item)).toEqual({ text: item.text, segments: item.segments })
  })

  it('gives every job section of the article its heading apart', () => {
    const jobItems = [...engine.records.values()]
      .filter((r) => r.job && r.text.startsWith(r.job.name))
      .map((r) => toItem(engine, r))
    expect(jobItems.length).toBeGreaterThanOrEqual(9)
    for (const item of jobItems) expect(itemBody(item).runIn).toBe(item.job?.name)
  })

  it('quotes a run-in heading on a line of its own, or not at all under a section path', () => {
    const item = itemStarting('Les monteurs vidéo (juniors) Les logiciels')
    expect(quoted(item)).toMatch(/^Les monteurs vidéo \(juniors\)\nLes logiciels d’IA/)
    expect(quoted(item, { runIn: false })).toMatch(/^Les logiciels d’IA/)
  })
})
