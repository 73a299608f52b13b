import { copyFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadCorpus } from '../../src/corpus/load-corpus.js'
import { SearchEngine } from '../../src/search/engine.js'
import { copyFixtureCorpus } from '../helpers/corpus.js'

const POST = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'fixtures',
  'corpus-unrelated-post',
  'reunion-de-production.md',
)

/**
 * A corpus grows with documents about other things (here a production company's blog post on preparing a
 * production meeting): its words become known words, and a question that is off-topic for the article must
 * not become answered by a chance match, while what the new document does say is answered from it.
 */
describe('a corpus that grows with an unrelated document', () => {
  let engine: SearchEngine
  beforeAll(async () => {
    const dir = await copyFixtureCorpus('ia-cinema-grown-')
    await copyFile(POST, path.join(dir, 'reunion-de-production.md'))
    engine = SearchEngine.build(await loadCorpus(dir))
  })

  it('still refuses the team’s own schedule, though the post speaks of production meetings', () => {
    for (const question of [
      'À quelle heure est la réunion de production demain ?',
      'c’est quand la réunion de prod ce soir ?',
    ]) {
      const outcome = engine.search(question)
      expect(outcome.intent.local, question).toBe(true)
      expect(outcome.hits, question).toEqual([])
    }
  })

  it('still answers nothing to questions whose topic is in neither document', () => {
    for (const question of [
      'recette de cuisine',
      'comment restaurer un vieux meuble en chêne ?',
      'prix du bitcoin',
    ])
      expect(engine.search(question).hits, question).toEqual([])
  })

  it('answers from the new document what it does say, and from the article what the article says', () => {
    expect(engine.search('qui participe à la réunion de production ?').hits[0]?.record.documentId).toBe(
      'reunion-de-production',
    )
    expect(engine.search('les monteurs vont-ils disparaître ?').hits[0]?.record.documentId).toBe(
      'ia-emploi-cinema-audiovisuel',
    )
  })
})
