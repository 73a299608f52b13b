import { cp, mkdir, readdir, readFile, rm, symlink, truncate, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { words } from '../../scripts/import/corpus-vocabulary.js'
import { CorpusError } from '../../src/corpus/errors.js'
import { loadCorpus, MAX_CORPUS_FILE_BYTES } from '../../src/corpus/load-corpus.js'
import { splitSentences } from '../../src/corpus/sentences.js'
import { SearchEngine } from '../../src/search/engine.js'
import { copyFixtureCorpus, FIXTURE_CORPUS_DIR, HAS_MKFIFO, mkfifo } from '../helpers/corpus.js'

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures')
const ARTICLE = 'ia-emploi-cinema-audiovisuel.md'

const corpusCopy = () => copyFixtureCorpus()

async function loadError(dir: string): Promise<CorpusError> {
  const error = await loadCorpus(dir).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(CorpusError)
  return error as CorpusError
}

describe('the project corpus', async () => {
  const corpus = await loadCorpus(FIXTURE_CORPUS_DIR)
  const source = await readFile(path.join(FIXTURE_CORPUS_DIR, ARTICLE), 'utf8')

  it('carries the article with its front matter', () => {
    const [document] = corpus.documents
    expect(document?.meta).toMatchObject({ publisher: 'KILL THE TAPE', language: 'fr', year: 2025 })
    expect(document?.meta.studies.map((s) => s.publisher)).toEqual(['CNC & BearingPoint', 'Bpifrance'])
  })

  it('cuts records of whole sentences, verbatim, never across a section', () => {
    for (const record of corpus.records.filter((r) => !r.section[0]?.startsWith('Coordonnées'))) {
      expect(source).toContain(record.text)
      if (record.kind === 'passage') expect(splitSentences(record.text).length).toBeLessThanOrEqual(3)
      // A record is one paragraph's text under one heading: the heading path is its only section.
      expect(record.section.length).toBeGreaterThan(0)
    }
    const long = corpus.records.filter((r) => r.kind === 'passage' && r.text.length > 350)
    // Longer only where a single sentence is longer than the target.
    for (const record of long) expect(splitSentences(record.text)).toHaveLength(1)
  })

  it('serves the publisher’s address, hours and telephone as one passage of their own, never the copyright', () => {
    // People ask where the lab is and when it opens; the page says so in its footer.
    const contact = corpus.records.filter((r) => r.text.includes('rue de Charonne'))
    expect(contact).toHaveLength(1)
    expect(contact[0]).toMatchObject({ kind: 'passage', section: ['Coordonnées de KILL THE TAPE'] })
    expect(contact[0]?.text).toBe(
      'LABO KILL THE TAPE : 16, rue de Charonne - 75011 Paris. Ouverture du lundi au vendredi de 10h à 13h et de 14h à 19h. Tél : 01 86 95 24 25',
    )
    // The article's own passages never carry it, and nothing carries the copyright line.
    const article = corpus.records
      .filter((r) => r !== contact[0])
      .map((r) => r.text)
      .join('\n')
    expect(article).not.toContain('rue de Charonne')
    expect(corpus.records.map((r) => r.text).join('\n')).not.toContain('Copyright')
  })

  it('carries the generated English glossary, leading only to corpus words', () => {
    // A target that is not in the corpus any more means corpus/*.md or thesaurus.yaml changed since the
    // import: npm run glossary:import (lexicon/README.md). The French synonyms are not shipped (README).
    const vocabulary = new Set([
      ...corpus.documents.flatMap((d) =>
        d.sections.flatMap((s) => [...s.path, ...s.paragraphs].flatMap(words)),
      ),
      ...corpus.thesaurus.concepts.flatMap((c) => c.terms.map((t) => t.normalize('NFKC').toLowerCase())),
    ])
    expect(corpus.synonyms).toEqual({})
    expect(Object.keys(corpus.glossary).length).toBeGreaterThan(500)
    for (const [word, targets] of Object.entries(corpus.glossary)) {
      expect(vocabulary.has(word), word).toBe(false)
      for (const target of targets) expect(vocabulary.has(target), `${word} → ${target}`).toBe(true)
    }
  })

  it('gives stable ids', async () => {
    const again = await loadCorpus(FIXTURE_CORPUS_DIR)
    expect(again.records.map((r) => r.id)).toEqual(corpus.records.map((r) => r.id))
    expect(new Set(corpus.records.map((r) => r.id)).size).toBe(corpus.records.length)
  })

  it('resolves who speaks in each quote', () => {
    const speakerOf = (fragment: string) =>
      corpus.records.find((r) => r.kind === 'quote' && r.text.includes(fragment))?.speaker
    expect(speakerOf('nettoyer les pellicules')).toBe('un restaurateur')
    // "insiste-t-il": the same restorer.
    expect(speakerOf('c’est l’œil du technicien qui valide')).toBe('un restaurateur')
    expect(speakerOf('Sans humain, pas de chef-d’œuvre')).toBe('un producteur')
    expect(speakerOf('polariser le secteur')).toBe('Le CNC')
    expect(speakerOf("Je n'aurais jamais l'idée")).toBe('Hayao Miyazaki')
    expect(speakerOf('une insulte à la vie même')).toBe('Hayao Miyazaki')
    expect(speakerOf('la lumière doit être pensée')).toBe('Christopher Nolan')
    expect(speakerOf('Qui possède un scénario')).toBe('un juriste européen')
  })

  it('tags job sections with their jobs and the article’s classification', () => {
    const editing = corpus.records.find((r) => r.text.includes('automatisent le montage de base'))
    expect(editing?.job).toEqual({
      name: 'Les monteurs vidéo (juniors)',
      jobs: ['monteur vidéo'],
      exposure: 'menacé',
    })
    const directors = corpus.records.find((r) => r.text.includes('décision humaine'))
    expect(directors?.job?.exposure).toBe('résiste')
    const sound = corpus.records.find((r) => r.text.includes('accélère le sound design'))
    expect(sound?.job?.exposure).toBe('évolue')
  })
})

describe('corpus validation', () => {
  it('stops on a malformed front matter with one line naming file, field and reason', async () => {
    const dir = await corpusCopy()
    const file = path.join(dir, ARTICLE)
    await writeFile(file, (await readFile(file, 'utf8')).replace(/^url: .*$/m, 'url: pas-une-adresse'))
    const error = await loadError(dir)
    expect(error.message).toContain(ARTICLE)
    expect(error.message).toContain('url')
    expect(error.message.split('\n')).toHaveLength(1)
  })

  it('refuses a missing front matter, a bad heading attribute and an unknown file', async () => {
    const dir = await corpusCopy()
    await writeFile(path.join(dir, 'notes.md'), 'Juste du texte.\n')
    expect((await loadError(dir)).message).toMatch(/notes\.md: front matter: missing/)

    const dir2 = await corpusCopy()
    const file = path.join(dir2, ARTICLE)
    await writeFile(file, (await readFile(file, 'utf8')).replace('{exposure=menacé}', '{exposure=perdu}'))
    expect((await loadError(dir2)).message).toMatch(/exposure/)

    const dir3 = await corpusCopy()
    await writeFile(path.join(dir3, 'image.png'), 'x')
    expect((await loadError(dir3)).message).toMatch(/image\.png: file: unsupported/)
  })

  it.skipIf(!HAS_MKFIFO)('refuses a FIFO named *.md or thesaurus.yaml at once, naming it', async () => {
    const dir = await corpusCopy()
    // Read as a file, a FIFO waits for a writer: this test would never end.
    mkfifo(path.join(dir, 'notes.md'))
    const error = await loadError(dir)
    expect(error.relativeTo(dir)).toBe(
      'notes.md: file: not a regular file (a FIFO): only regular files are read',
    )

    const dir2 = await corpusCopy()
    await rm(path.join(dir2, 'thesaurus.yaml'))
    mkfifo(path.join(dir2, 'thesaurus.yaml'))
    expect((await loadError(dir2)).relativeTo(dir2)).toMatch(
      /^thesaurus\.yaml: file: not a regular file \(a FIFO\)/,
    )
  })

  it('refuses a link to a device, a folder named *.md and a file over the size limit', async () => {
    const dir = await corpusCopy()
    await symlink('/dev/zero', path.join(dir, 'zero.md'))
    expect((await loadError(dir)).relativeTo(dir)).toBe(
      'zero.md: file: not a regular file (a character device): only regular files are read',
    )

    const dir2 = await corpusCopy()
    await mkdir(path.join(dir2, 'chapitre.md'))
    expect((await loadError(dir2)).relativeTo(dir2)).toMatch(
      /^chapitre\.md: file: not a regular file \(a folder\)/,
    )

    const dir3 = await corpusCopy()
    const huge = path.join(dir3, 'enorme.md')
    await writeFile(huge, '')
    await truncate(huge, MAX_CORPUS_FILE_BYTES + 1) // sparse: no 20 MB written
    expect((await loadError(dir3)).relativeTo(dir3)).toBe('enorme.md: file: larger than 20 MB')
  })

  it('still reads a link to a regular file (the tests’ own corpus is made of them)', async () => {
    const dir = await corpusCopy()
    await rm(path.join(dir, ARTICLE))
    await symlink(path.join(FIXTURE_CORPUS_DIR, ARTICLE), path.join(dir, ARTICLE))
    expect((await loadCorpus(dir)).records.length).toBeGreaterThan(40)
  })

  it('refuses a malformed thesaurus, naming the field', async () => {
    const dir = await corpusCopy()
    await writeFile(path.join(dir, 'thesaurus.yaml'), 'concepts:\n  - canonical: montage\n    terms: []\n')
    const error = await loadError(dir)
    expect(error.message).toMatch(/thesaurus\.yaml: field "concepts\.0\.terms"/)
  })
})

it('refuses YAML it cannot read, and reads dates and « yes » as the text written', async () => {
  const dir = await corpusCopy()
  await writeFile(path.join(dir, 'thesaurus.yaml'), 'concepts: [\n  - canonical: montage\n')
  const broken = await loadError(dir)
  expect(broken.message).toMatch(/^.*thesaurus\.yaml: yaml: not valid YAML \(.+\)$/)
  expect(broken.message.split('\n')).toHaveLength(1)

  // A key written twice is a mistake to show, not a value to pick.
  const file = path.join(dir, ARTICLE)
  await rm(path.join(dir, 'thesaurus.yaml'))
  await writeFile(file, (await readFile(file, 'utf8')).replace(/^year: .*$/m, '$&\nyear: 2024'))
  expect((await loadError(dir)).message).toMatch(/front matter: not valid YAML \(duplicated mapping key/)

  // YAML 1.2's core schema: a title that looks like a date or a boolean stays the title.
  const dir2 = await corpusCopy()
  const file2 = path.join(dir2, ARTICLE)
  await writeFile(file2, (await readFile(file2, 'utf8')).replace(/^title: .*$/m, 'title: 2025-03-01'))
  const dated = await loadCorpus(dir2)
  expect(dated.documents[0]?.meta.title).toBe('2025-03-01')
})

describe('word lists (synonyms.*.yaml, glossary.*.yaml)', () => {
  const SOURCE = 'source: { name: Test, licence: CC0-1.0 }\n'

  it('are merged by kind, a word listed twice keeping each target once', async () => {
    const dir = await corpusCopy()
    for (const name of await readdir(dir)) {
      if (/^(synonyms|glossary)\./.test(name)) await rm(path.join(dir, name))
    }
    expect(await loadCorpus(dir)).toMatchObject({ synonyms: {}, glossary: {} })

    await writeFile(path.join(dir, 'synonyms.fr.yaml'), `${SOURCE}entries:\n  cinéaste: [réalisateur]\n`)
    await writeFile(
      path.join(dir, 'synonyms.fr-extra.yaml'),
      `${SOURCE}entries: { cinéaste: [réalisateur, réalisation] }\n`,
    )
    await writeFile(
      path.join(dir, 'glossary.en-fr.yaml'),
      `${SOURCE}entries:\n  editor: [monteur]\n  constructor: [outil]\n`,
    )
    const corpus = await loadCorpus(dir)
    expect({ ...corpus.synonyms }).toEqual({ cinéaste: ['réalisateur', 'réalisation'] })
    expect({ ...corpus.glossary }).toEqual({ editor: ['monteur'], constructor: ['outil'] })
    // No prototype behind the entries: a word such as "toString" is not found where it is not listed.
    expect(corpus.glossary.toString).toBeUndefined()
  })

  it('refuse a malformed list, naming the file and the field', async () => {
    const dir = await corpusCopy()
    await writeFile(path.join(dir, 'synonyms.fr.yaml'), `${SOURCE}entries:\n  cinéaste: []\n`)
    expect((await loadError(dir)).message).toMatch(/synonyms\.fr\.yaml: field "entries\.cinéaste"/)

    await writeFile(path.join(dir, 'synonyms.fr.yaml'), 'source: { name: Test }\nentries: {}\n')
    expect((await loadError(dir)).message).toMatch(/synonyms\.fr\.yaml: field "source\.licence"/)

    const dir2 = await corpusCopy()
    await writeFile(path.join(dir2, 'glossary.en-fr.yaml'), `${SOURCE}entries:\n  editor: monteur\n`)
    const error = await loadError(dir2)
    expect(error.message).toMatch(/glossary\.en-fr\.yaml: field "entries\.editor"/)
    expect(error.message.split('\n')).toHaveLength(1)
  })
})

describe('control characters in a corpus file', () => {
  it('never reach a record, and French text and emoji stay as written', async () => {
    const dir = await corpusCopy()
    await writeFile(
      path.join(dir, 'controle.md'),
      [
        '---',
        'title: Contrôle',
        'url: https://controle.example/',
        'publisher: Exemple',
        'language: fr',
        'year: 2025',
        '---',
        '## Le son\u001b[2J',
        '',
        '« Le bruitage\u0007 reste\u00a0un artisanat\u202e », explique une bruiteuse 👩‍🎤.\r',
        '',
        'Les banques de sons\u009b1m\u200b grossissent chaque année.',
      ].join('\n'),
    )
    const records = (await loadCorpus(dir)).records.filter((r) => r.documentId === 'controle')
    expect(records.map((r) => [r.kind, r.section, r.text, r.speaker])).toEqual([
      [
        'quote',
        ['Le son'],
        '« Le bruitage reste\u00a0un artisanat », explique une bruiteuse 👩‍🎤.',
        'une bruiteuse 👩‍🎤',
      ],
      ['passage', ['Le son'], 'Les banques de sons grossissent chaque année.', undefined],
    ])
  })
})

describe('a second document dropped into corpus/', () => {
  it('is loaded, chunked, indexed and searched with its own source', async () => {
    const dir = await corpusCopy()
    await cp(path.join(fixtures, 'corpus-second-document'), dir, { recursive: true })
    const corpus = await loadCorpus(dir)
    expect(corpus.documents.map((d) => d.meta.id).sort()).toEqual([
      'doublage-et-ia',
      'ia-emploi-cinema-audiovisuel',
    ])
    const engine = SearchEngine.build(corpus)
    const hit = engine.search('comédiennes de doublage', { limit: 1 }).hits[0]
    expect(hit?.record.documentId).toBe('doublage-et-ia')
    expect(engine.search('postsynchronisation').hits[0]?.record.job?.exposure).toBe('menacé')
    const quote = corpus.records.find((r) => r.documentId === 'doublage-et-ia' && r.kind === 'quote')
    expect(quote?.speaker).toBe('une comédienne de doublage')
    // The article still answers as before.
    expect(engine.search('monteur').hits[0]?.record.documentId).toBe('ia-emploi-cinema-audiovisuel')
  })
})
