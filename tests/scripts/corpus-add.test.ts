import { cp, mkdtemp, readdir, readFile, truncate, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCorpusAdd } from '../../scripts/corpus-add/run.js'
import { DEFAULT_CORPUS_DIR } from '../../src/bot/load-bot.js'
import { MAX_SOURCE_BYTES } from '../../src/corpus/import/source.js'
import { loadCorpus } from '../../src/corpus/load-corpus.js'
import { FIXTURES, fixture } from '../corpus/import/fixtures.js'
import { startFixtureServer } from '../corpus/import/http-fixture-server.js'
import { doublageReport } from '../corpus/import/two-column-pdf.js'

async function corpusCopy(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ia-cinema-add-'))
  await cp(DEFAULT_CORPUS_DIR, dir, { recursive: true })
  return dir
}

/** Every file of a folder with its content: what "nothing was written" is checked against. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const names = (await readdir(dir)).sort()
  return Object.fromEntries(
    await Promise.all(names.map(async (n) => [n, await readFile(path.join(dir, n), 'utf8')])),
  )
}

async function run(corpusDir: string, ...argv: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await runCorpusAdd(argv, {
    corpusDir,
    stdout: (text) => {
      stdout += text
    },
    stderr: (text) => {
      stderr += text
    },
    now: new Date('2026-01-15T10:00:00Z'),
  })
  return { code, stdout, stderr }
}

describe('npm run corpus:add', () => {
  let server: Awaited<ReturnType<typeof startFixtureServer>>
  let scratch: string
  beforeAll(async () => {
    server = await startFixtureServer({
      '/2024/bruiteurs-ia': (res) =>
        res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end(fixture('interview-page.html')),
      '/silence': () => {},
    })
    scratch = await mkdtemp(path.join(tmpdir(), 'ia-cinema-add-sources-'))
  })
  afterAll(() => server.close())

  it('fetches a page, writes a corpus file the loader accepts and says what it made', async () => {
    const dir = await corpusCopy()
    const { code, stdout, stderr } = await run(dir, `${server.url}/2024/bruiteurs-ia`)
    expect([code, stderr]).toEqual([0, ''])
    const file = path.join(dir, 'bruiteurs-on-ne-remplace-pas-un-pas-dans.md')
    expect(stdout.split('\n').slice(0, 11)).toEqual([
      `corpus:add: wrote ${file}`,
      '  title      Bruiteurs : « On ne remplace pas un pas dans le gravier »',
      '  url        https://revue-du-son.example/2024/bruiteurs-ia',
      '  publisher  Revue du Son · language fr · year 2024',
      '  sections   3 (2 headings)',
      '             Des banques de sons sans fin',
      '             Le geste du bruiteur',
      '  passages   3',
      '  quotes     4',
      '             « Pour une série d’animation à petit budget, ces sons suffisent souvent… » — une monteuse son parisienne',
      '             « Mais dès qu’il faut suivre le jeu d’un comédien, il n’y a plus rien d… » — une monteuse son parisienne',
    ])
    expect(stdout).toContain('— (no speaker found)')
    // Words of the new page the article never uses; words it does use (IA, montage, comédien) are known, and
    // so are the thesaurus's (« auditorium », under ingénieur du son).
    const newWords = /new words {2}(\d+) the index did not know: (.*)/.exec(stdout)
    expect(Number(newWords?.[1])).toBeGreaterThan(10)
    expect(newWords?.[2]).toContain('gravier')
    expect(newWords?.[2]).toContain('froissements')
    expect(newWords?.[2]?.split(/, /)).not.toContain('montage')
    expect(newWords?.[2]).not.toMatch(/auditorium/)
    expect(await readFile(file, 'utf8')).toContain(
      `<!-- Importé par npm run corpus:add depuis ${server.url}/2024/bruiteurs-ia le 2026-01-15.`,
    )
    const corpus = await loadCorpus(dir)
    expect(corpus.documents.map((d) => d.meta.id)).toEqual([
      'bruiteurs-on-ne-remplace-pas-un-pas-dans',
      'ia-emploi-cinema-audiovisuel',
    ])
  })

  it('adds a PDF with --url and --published, and a first document to an empty folder', async () => {
    const pdf = path.join(scratch, 'rapport-doublage.pdf')
    await writeFile(pdf, doublageReport())
    const empty = await mkdtemp(path.join(tmpdir(), 'ia-cinema-add-empty-'))
    const { code, stdout } = await run(
      empty,
      pdf,
      '--url',
      'https://observatoire.example/rapport.pdf',
      '--published',
      '2025-04-12',
      '--publisher',
      'Observatoire du doublage',
      '--id',
      'rapport-doublage',
    )
    expect(code).toBe(0)
    expect(stdout).toContain('  publisher  Observatoire du doublage · language fr · year 2025')
    expect(stdout).toContain('(the corpus had no other document to compare with)')
    expect((await loadCorpus(empty)).documents.map((d) => d.meta.id)).toEqual(['rapport-doublage'])
  })

  it('writes nothing on a dry run', async () => {
    const dir = await corpusCopy()
    const before = await snapshot(dir)
    const { code, stdout } = await run(dir, path.join(FIXTURES, 'blog-post.html'), '--dry-run')
    expect(code).toBe(0)
    expect(stdout).toMatch(
      /^corpus:add: dry run, nothing written \(would be etalonnage-et-ia-ce-qui-change-en-salle\.md\)/,
    )
    expect(await snapshot(dir)).toEqual(before)
  })

  it('refuses in one line, exit 1, writing nothing: no text, duplicate, too large, unsupported, unreachable', async () => {
    const dir = await corpusCopy()
    await run(dir, path.join(FIXTURES, 'blog-post.html'))
    const before = await snapshot(dir)

    const empty = path.join(scratch, 'vide.html')
    await writeFile(empty, '<html><body><nav>Accueil</nav><p>Bientôt.</p></body></html>')
    const huge = path.join(scratch, 'enorme.pdf')
    await writeFile(huge, '')
    await truncate(huge, MAX_SOURCE_BYTES + 1)
    const cases: Array<[string[], RegExp]> = [
      [[empty, '--url', 'https://x.example/'], /vide\.html: no article text found \(1 word\)/],
      [
        [path.join(FIXTURES, 'blog-post.html')],
        /duplicate: same URL as etalonnage-et-ia-ce-qui-change-en-salle\.md/,
      ],
      [[huge], /enorme\.pdf: too large/],
      [[path.join(FIXTURES, '..', 'html.test.ts')], /unsupported file type/],
      [[`${server.url}/silence`, '--timeout', '0.2'], /no complete answer within 0\.2 s/],
      [[`${server.url}/absente`], /HTTP 404/],
    ]
    for (const [argv, message] of cases) {
      const { code, stdout, stderr } = await run(dir, ...argv)
      expect({ code, stdout }, argv.join(' ')).toEqual({ code: 1, stdout: '' })
      expect(stderr).toMatch(/^corpus:add: refused: [^\n]*\n$/)
      expect(stderr).toMatch(message)
    }
    expect(await snapshot(dir)).toEqual(before)
  })

  it('refuses to add to a corpus that is already invalid, and reports usage errors with exit 2', async () => {
    const dir = await corpusCopy()
    await writeFile(path.join(dir, 'casse.md'), '---\ntitle: Sans adresse\n---\nTexte.\n')
    const broken = await run(dir, path.join(FIXTURES, 'blog-post.html'))
    expect(broken.code).toBe(1)
    expect(broken.stderr).toMatch(
      /^corpus:add: refused: the corpus folder is invalid as it stands, fix it first: .*casse\.md/,
    )

    for (const argv of [
      [],
      ['a.html', 'b.html'],
      ['a.html', '--published', '14/03/2025'],
      ['a.html', '--url', 'ftp://x'],
    ]) {
      const { code, stderr } = await run(dir, ...argv)
      expect(code, argv.join(' ')).toBe(2)
      expect(stderr).toMatch(/^corpus:add: .*\nusage: npm run corpus:add -- SOURCE/)
    }
  })
})
