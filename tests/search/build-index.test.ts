import { describe, expect, it } from 'vitest'
import { loadCorpus } from '../../src/corpus/load-corpus.js'
import { buildAsync, buildIndex, buildSync } from '../../src/search/build-index.js'
import { SearchEngine } from '../../src/search/engine.js'
import { loadKnownWords } from '../../src/text/known-words.js'
import { FIXTURE_CORPUS_DIR } from '../helpers/corpus.js'

describe('buildIndex', () => {
  it('built in slices, lets the event loop run between them and indexes as the build in one go does', async () => {
    const corpus = await loadCorpus(FIXTURE_CORPUS_DIR)
    const knownWords = loadKnownWords()
    let turns = 0
    let ticking = true
    const tick = () => {
      if (!ticking) return
      turns++
      setImmediate(tick)
    }
    setImmediate(tick)
    // A slice of 0 ms: a turn after every step, so that the test does not depend on the machine's speed.
    const sliced = await buildAsync(buildIndex(corpus, knownWords), 0)
    ticking = false
    const whole = buildSync(buildIndex(corpus, knownWords))

    expect(turns).toBeGreaterThan(corpus.records.length)
    expect(sliced.size).toBe(corpus.records.length)
    const postings = (built: typeof sliced) =>
      'postings' in built.ranking ? built.ranking.postings : undefined
    const slicedPostings = postings(sliced)
    expect(slicedPostings?.ids).toEqual(corpus.records.map((record) => record.id))
    const terms = [...(postings(whole)?.terms() ?? [])]
    expect(terms.length).toBeGreaterThan(300)
    expect([...(slicedPostings?.terms() ?? [])]).toEqual(terms)
    for (const term of terms) expect(slicedPostings?.get(term), term).toEqual(postings(whole)?.get(term))
    expect([...sliced.vocabulary.wordFrequency]).toEqual([...whole.vocabulary.wordFrequency])
    expect([...sliced.jobTermsByRecord]).toEqual([...whole.jobTermsByRecord])
  })

  it('gives SearchEngine.buildAsync the same answers as SearchEngine.build', async () => {
    const corpus = await loadCorpus(FIXTURE_CORPUS_DIR)
    const [a, b] = [SearchEngine.build(corpus), await SearchEngine.buildAsync(corpus)]
    for (const question of ['monteur vidéo', 'doublage voix IA', 'quels métiers sont menacés ?']) {
      const [x, y] = [a.search(question), b.search(question)]
      expect(y.hits.map((h) => [h.record.id, h.score])).toEqual(x.hits.map((h) => [h.record.id, h.score]))
      expect(x.hits.length).toBeGreaterThan(0)
    }
  })
})
