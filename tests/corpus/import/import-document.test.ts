import { beforeAll, describe, expect, it } from 'vitest'
import { ImportError } from '../../../src/corpus/import/errors.js'
import { type ImportFlags, importDocument, slugify } from '../../../src/corpus/import/import-document.js'
import type { LoadedSource, SourceKind } from '../../../src/corpus/import/source.js'
import { writeDocument } from '../../../src/corpus/import/write-document.js'
import { loadCorpus } from '../../../src/corpus/load-corpus.js'
import type { Corpus } from '../../../src/corpus/types.js'
import { copyFixtureCorpus, FIXTURE_CORPUS_DIR } from '../../helpers/corpus.js'
import { fixture } from './fixtures.js'
import { doublageReport } from './two-column-pdf.js'

const source = (kind: SourceKind, text: string | Buffer, label = `source.${kind}`): LoadedSource => ({
  kind,
  bytes: typeof text === 'string' ? Buffer.from(text) : text,
  label,
})

async function refusal(promise: Promise<unknown>): Promise<ImportError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ImportError)
  return error as ImportError
}

describe('importDocument', () => {
  let corpus: Corpus
  beforeAll(async () => {
    corpus = await loadCorpus(FIXTURE_CORPUS_DIR)
  })

  it('turns the interview page into a file the loader accepts, its quotes attributed by the chunker', async () => {
    const imported = await importDocument(
      source('html', fixture('interview-page.html')),
      {},
      corpus.documents,
    )
    expect(imported.id).toBe('bruiteurs-on-ne-remplace-pas-un-pas-dans')
    expect(imported.text).toMatch(
      /^---\ntitle: "Bruiteurs : « On ne remplace pas un pas dans le gravier »"\nurl: https:\/\/revue-du-son\.example\/2024\/bruiteurs-ia\npublisher: Revue du Son\nlanguage: fr\nyear: 2024\n---\n<!-- Importé par npm run corpus:add depuis source\.html\. /,
    )
    expect(imported.document.sections.map((s) => s.path)).toEqual([
      [],
      ['Des banques de sons sans fin'],
      ['Le geste du bruiteur'],
    ])
    const quotes = imported.records.filter((r) => r.kind === 'quote')
    expect(quotes.map((q) => [q.quote?.slice(0, 30), q.speaker])).toEqual([
      ['Pour une série d’animation à p', 'une monteuse son parisienne'],
      // « … », ajoute-t-elle: the same speaker as the quote before.
      ['Mais dès qu’il faut suivre le ', 'une monteuse son parisienne'],
      ['Un pas dans le gravier raconte', 'Le syndicat des bruiteurs'],
      // Named in the sentence before, "affirmant que « … »": beyond what the chunker resolves.
      ['le temps de tournage du bruita', undefined],
    ])

    const dir = await copyFixtureCorpus('ia-cinema-import-')
    await writeDocument(dir, imported.id, imported.text)
    const reloaded = await loadCorpus(dir)
    expect(reloaded.documents.map((d) => d.meta.id)).toContain(imported.id)
    expect(reloaded.records.filter((r) => r.documentId === imported.id)).toEqual(imported.records)
  })

  it('takes every flag over what the source says', async () => {
    const flags: ImportFlags = {
      title: 'Le bruitage et l’IA',
      url: 'https://revue-du-son.example/bruitage',
      publisher: 'RDS',
      language: 'fr-BE',
      published: '2023-01-31',
      id: 'bruitage',
    }
    const imported = await importDocument(source('html', fixture('interview-page.html')), flags, [])
    expect(imported.id).toBe('bruitage')
    expect(imported.document.meta).toMatchObject({
      title: 'Le bruitage et l’IA',
      url: 'https://revue-du-son.example/bruitage',
      publisher: 'RDS',
      language: 'fr-BE',
      year: 2023,
    })
  })

  it('reads a two-column PDF into sections, given the link it lacks', async () => {
    const pdf = source('pdf', doublageReport({ CreationDate: 'D:20250412' }), 'rapport.pdf')
    const imported = await importDocument(
      pdf,
      { url: 'https://observatoire.example/rapport.pdf' },
      corpus.documents,
    )
    expect(imported.document.meta).toMatchObject({
      title: 'Le doublage à l’épreuve des voix de synthèse',
      year: 2025,
    })
    expect(imported.document.meta.publisher).toBe('observatoire.example')
    expect(imported.document.sections.map((s) => s.path.join(''))).toEqual([
      'Introduction',
      'Ce que disent les studios',
      'Conclusion',
      'Méthode',
    ])
    expect(imported.records.find((r) => r.kind === 'quote')?.speaker).toBe('une directrice artistique')
  })

  it('refuses a source without article text, URL or date, naming the flag that supplies what is missing', async () => {
    const short = await refusal(
      importDocument(
        source('html', '<html><body><p>Activez JavaScript pour lire ce site.</p></body></html>'),
        {},
        [],
      ),
    )
    expect(short.code).toBe('IMPORT_NO_TEXT')
    const words = `${'Les monteurs testent des outils. '.repeat(10)}`
    const noUrl = await refusal(importDocument(source('markdown', `# Titre\n\n${words}`), {}, []))
    expect([noUrl.code, noUrl.message]).toEqual(['IMPORT_NO_METADATA', expect.stringContaining('--url')])
    const noDate = await refusal(
      importDocument(source('markdown', `# Titre\n\n${words}`), { url: 'https://x.example/a' }, []),
    )
    expect([noDate.code, noDate.message]).toEqual([
      'IMPORT_NO_METADATA',
      expect.stringContaining('--published'),
    ])
    const noPdfText = await refusal(importDocument(source('pdf', doublageReport().subarray(0, 0)), {}, []))
    expect(noPdfText.code).toBe('IMPORT_UNSUPPORTED')
  })

  it('refuses a document already in the corpus: same address, or the same text under another', async () => {
    const article = corpus.documents[0]
    if (!article) throw new Error('no article')
    const sameUrl = await refusal(
      importDocument(
        source('html', fixture('interview-page.html')),
        { url: `${article.meta.url.replace('https://www.', 'http://')}/?utm_source=slack#intro` },
        corpus.documents,
      ),
    )
    expect([sameUrl.code, sameUrl.message]).toEqual([
      'IMPORT_DUPLICATE',
      expect.stringContaining(`${article.meta.id}.md`),
    ])

    // The article as a plain-text copy elsewhere, its headings gone and its paragraphs re-wrapped.
    const copy = article.sections
      .flatMap((s) => s.paragraphs.map((p) => p.replace(/\. /g, '.\n')))
      .join('\n\n')
    const sameText = await refusal(
      importDocument(
        source('text', copy),
        { title: 'Copie', url: 'https://miroir.example/ia', published: '2025-01-01' },
        corpus.documents,
      ),
    )
    expect([sameText.code, sameText.message]).toEqual([
      'IMPORT_DUPLICATE',
      expect.stringMatching(/100 % of its text is already in ia-emploi-cinema-audiovisuel\.md/),
    ])
  })

  it('refuses an id already taken, an id the loader would refuse and a heading attribute it does not know', async () => {
    const page = source('html', fixture('interview-page.html'))
    const taken = await refusal(
      importDocument(page, { id: 'ia-emploi-cinema-audiovisuel' }, corpus.documents),
    )
    expect([taken.code, taken.message]).toEqual(['IMPORT_DUPLICATE', expect.stringContaining('--id')])
    expect((await refusal(importDocument(page, { id: 'Avec Majuscules' }, []))).code).toBe('IMPORT_INVALID')
    const markdown = `---\ntitle: T\nurl: https://x.example/t\nyear: 2024\n---\n## Monteurs {exposure=disparu}\n\n${'Les monteurs testent des outils. '.repeat(10)}`
    const invalid = await refusal(importDocument(source('markdown', markdown), {}, []))
    expect([invalid.code, invalid.message]).toEqual(['IMPORT_INVALID', expect.stringContaining('exposure')])
  })
})

describe('slugify', () => {
  it('folds accents and cuts at a word, within the 40 characters an id may have', () => {
    expect(slugify('IA & emploi dans le cinéma et l’audiovisuel : entre gains')).toBe(
      'ia-emploi-dans-le-cinema-et-audiovisuel',
    )
    expect(slugify('Œuvres générées')).toBe('oeuvres-generees')
    expect(slugify('A'.repeat(60))).toHaveLength(40)
    expect(slugify('« »')).toBe('document')
  })
})
