import { cp } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Answer } from '../../src/answers/answer.js'
import type { Requester } from '../../src/bot/bot.js'
import { createBot } from '../../src/bot/create-bot.js'
import { prepareEngine } from '../../src/bot/prepare-engine.js'
import { loadCorpus } from '../../src/corpus/load-corpus.js'
import { SearchEngine } from '../../src/search/engine.js'
import { copyFixtureCorpus } from '../helpers/corpus.js'

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures')
const ARTICLE = 'ia-emploi-cinema-audiovisuel'
const SECOND = 'doublage-et-ia'
const requester: Requester = { platform: 'console', userId: 'U1' }

let engine: SearchEngine
beforeAll(async () => {
  const dir = await copyFixtureCorpus('ia-cinema-two-documents-')
  await cp(path.join(fixtures, 'corpus-second-document'), dir, { recursive: true })
  engine = SearchEngine.build(await loadCorpus(dir))
  await prepareEngine(engine)
})

const titleOf = (id: string) => engine.document(id)?.meta.title
const botWith = (random: () => number = Math.random) => createBot(() => engine, { random })

describe('a corpus of two documents', () => {
  it('names, in every answer, the source of the document each passage comes from', async () => {
    const bot = botWith()
    for (const [question, documentId] of [
      ['doubleur', SECOND],
      ['postsynchronisation', SECOND],
      ['monteur', ARTICLE],
    ] as const) {
      const answer = await bot.ask(question, requester)
      expect(answer.items.length, question).toBeGreaterThan(0)
      for (const item of answer.items) {
        const record = engine.records.get(item.id)
        expect(item.source.documentId).toBe(record?.documentId)
        expect(item.source.title).toBe(titleOf(record?.documentId ?? ''))
        expect(item.link.startsWith(engine.document(record?.documentId ?? '')?.meta.url ?? '-')).toBe(true)
      }
      expect(answer.items[0]?.source.documentId, question).toBe(documentId)
    }
    const dubbing = await bot.ask('doubleur', requester)
    expect(dubbing.jobs.map((j) => j.name)).toEqual(['Les doubleurs'])
  })

  it('lists every document in sources, with its own passages and quotes counted', async () => {
    const answer = await botWith().ask('sources', requester)
    expect(answer.title).toBe('Les sources')
    const records = [...engine.records.values()]
    const count = (id: string, kind: string) =>
      // The publisher's contact passage is not one of the document's passages.
      records.filter((r) => r.documentId === id && r.kind === kind && !r.contact).length
    expect(answer.sources?.map((s) => [s.source.documentId, s.passages, s.quotes])).toEqual(
      [SECOND, ARTICLE].map((id) => [id, count(id, 'passage'), count(id, 'quote')]),
    )
    expect(answer.lines[0]).toBe(
      `2 documents, ${count(SECOND, 'passage') + count(ARTICLE, 'passage')} passages et ${count(SECOND, 'quote') + count(ARTICLE, 'quote')} citations en tout.`,
    )
  })

  it('says in every step of the tour which document it follows, and walks both', async () => {
    const bot = botWith()
    const first = await bot.ask('parcours', requester)
    const total = first.step?.total ?? 0
    expect(first.lines[1]).toBe(`Le parcours suit les 2 documents en ${total} étapes.`)
    const followed = new Set<string>()
    for (let n = 1; n <= total; n++) {
      const step: Answer = await bot.ask(`parcours ${n}`, requester)
      const line = step.lines[0] ?? ''
      const documentIds = new Set(step.items.map((item) => item.source.documentId))
      expect(documentIds.size, line).toBe(1)
      const [documentId = ''] = documentIds
      expect(line).toBe(`Document : « ${titleOf(documentId)} »`)
      followed.add(documentId)
    }
    expect([...followed].sort()).toEqual([SECOND, ARTICLE])
  })

  it('draws a random quote from every quote of every document', async () => {
    const quotes = [...engine.records.values()].filter((r) => r.kind === 'quote')
    const drawn = new Set<string>()
    for (let i = 0; i < quotes.length; i++) {
      const answer = await botWith(() => (i + 0.5) / quotes.length).ask('citation', requester)
      drawn.add(answer.items[0]?.id ?? '')
    }
    expect([...drawn].sort()).toEqual(quotes.map((q) => q.id).sort())
    expect(quotes.some((q) => q.documentId === SECOND)).toBe(true)
  })

  it('names both documents in help', async () => {
    const help = await botWith().ask('aide', requester)
    for (const id of [SECOND, ARTICLE]) expect(help.lines[0]).toContain(`« ${titleOf(id)} »`)
  })

  it('shows the job map of both documents', async () => {
    const answer = await botWith().ask('metiers menacés', requester)
    expect(answer.jobMap?.map((j) => j.name)).toContain('Les doubleurs')
    expect(answer.jobMap?.map((j) => j.name)).toContain('Les monteurs vidéo (juniors)')
  })
})
