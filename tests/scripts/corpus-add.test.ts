import { mkdtemp, readdir, readFile, truncate, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isCalendarDate, runCorpusAdd, USAGE } from '../../scripts/corpus-add/run.js'
import { MAX_SOURCE_BYTES } from '../../src/corpus/import/source.js'
import { loadCorpus } from '../../src/corpus/load-corpus.js'
import { FIXTURES, fixture } from '../corpus/import/fixtures.js'
import { startFixtureServer } from '../corpus/import/http-fixture-server.js'
import { doublageReport } from '../corpus/import/two-column-pdf.js'
import { CONTROL_CHARACTER } from '../helpers/controls.js'
import { copyFixtureCorpus } from '../helpers/corpus.js'

const corpusCopy = () => copyFixtureCorpus('ia-cinema-add-')

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
    // Words of the new page the article never uses; words it or the thesaurus does use (IA, montage,
    // comédien, auditorium) are known.
    const newWords = /new words {2}(\d+) the index did not know: (.*)/.exec(stdout)
    expect(Number(newWords?.[1])).toBeGreaterThan(10)
    expect(newWords?.[2]?.split(/, /)).not.toContain('auditoriums (2)')
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

  it('leaves control characters out of the file and of what it prints, and French text and emoji in', async () => {
    const dir = await corpusCopy()
    const source = path.join(scratch, 'controle.md')
    await writeFile(
      source,
      [
        '---',
        'title: "Le bruitage\u0007 à l’heure de l’IA \u202e🎬"',
        'date: 2025-05-02',
        'url: https://bruitage.example/ia',
        '---',
        '',
        '## Le geste\u001b[2J du bruiteur',
        '',
        '« Un pas dans le gravier\u00a0raconte un personnage\u009b1m, aucune banque ne le sait », explique Jeanne\u200b Arvel, bruiteuse 👩‍🎤.',
        '',
        'Les banques de sons\u001b]0;titre\u0007 couvrent les portes, les froissements de tissu et les pas sur le bitume, mais pas le jeu d’un comédien qui hésite.',
      ].join('\n'),
    )
    const { code, stdout, stderr } = await run(dir, source)
    expect(code, stderr).toBe(0)
    const written = await readFile(path.join(dir, 'le-bruitage-a-heure-de-ia.md'), 'utf8')
    for (const text of [written, stdout]) expect(text).not.toMatch(CONTROL_CHARACTER)
    expect(written).toContain('title: Le bruitage à l’heure de l’IA 🎬')
    expect(written).toContain('## Le geste du bruiteur')
    expect(written).toContain(
      '« Un pas dans le gravier\u00a0raconte un personnage, aucune banque ne le sait », explique Jeanne Arvel, bruiteuse 👩‍🎤.',
    )
    const quote = (await loadCorpus(dir)).records.find(
      (r) => r.documentId === 'le-bruitage-a-heure-de-ia' && r.kind === 'quote',
    )
    expect(quote?.speaker).toBe('Jeanne Arvel, bruiteuse 👩‍🎤')
  })

  it('refuses HTML nested or sized beyond any article in one line, before reading it', async () => {
    const dir = await corpusCopy()
    const before = await snapshot(dir)
    const text = `<p>${'Un texte assez long pour compter comme un article, avec des mots. '.repeat(6)}</p>`
    const page = (body: string) =>
      `<html><head><title>Page</title></head><body><article><h1>Page</h1>${body}</article></body></html>`
    const files = {
      // 56 KB: ran over two minutes; deeper ran out of stack.
      'profond.html': page(`${'<div>'.repeat(5_000)}${text}${'</div>'.repeat(5_000)}`),
      'abime.html': page(`${'<section>'.repeat(200_000)}${text}`),
      // Ran out of stack.
      'plat.html': page(
        Array.from({ length: 150_000 }, (_, i) => `<p>Paragraphe ${i} sur le montage.</p>`).join(''),
      ),
      'profond.md': `---\ntitle: Profond\n---\n${'<div>'.repeat(3_000)}${text}${'</div>'.repeat(3_000)}\n`,
    }
    const cases: Array<[string, RegExp]> = [
      ['profond.html', /profond\.html: HTML nested 5,00\d levels deep \(at most 256/],
      ['abime.html', /abime\.html: HTML nested 200,00\d levels deep/],
      ['plat.html', /plat\.html: HTML of 150,00\d elements \(at most 100,000/],
      ['profond.md', /profond\.md: HTML nested 3,000 levels deep/],
    ]
    for (const [name, message] of cases) {
      const file = path.join(scratch, name)
      await writeFile(file, files[name as keyof typeof files])
      const { code, stdout, stderr } = await run(
        dir,
        file,
        '--url',
        'https://x.example/',
        '--published',
        '2025-01-01',
      )
      expect({ code, stdout }, name).toEqual({ code: 1, stdout: '' })
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
      // Dates no calendar has.
      ['a.html', '--published', '2025-99-99'],
      ['a.html', '--published', '2025-02-30'],
      ['a.html', '--published', '2023-02-29'],
      ['a.html', '--url', 'ftp://x'],
    ]) {
      const { code, stderr } = await run(dir, ...argv)
      expect(code, argv.join(' ')).toBe(2)
      expect(stderr).toMatch(/^corpus:add: .*\nusage: npm run corpus:add -- SOURCE/)
    }
  })

  it('answers --help with the usage line on stdout and exit 0, whatever else is on the line', async () => {
    const dir = await corpusCopy()
    for (const argv of [['--help'], ['-h'], ['page.html', '--help', '--bogus']]) {
      const { code, stdout, stderr } = await run(dir, ...argv)
      expect({ code, stderr }, argv.join(' ')).toEqual({ code: 0, stderr: '' })
      expect(stdout).toBe(`${USAGE}\n`)
    }
  })

  it('takes a real leap day', () => {
    expect(['2024-02-29', '2025-12-31', '2025'].map(isCalendarDate)).toEqual([true, true, true])
    expect(['2025-99-99', '2025-02-30', '2023-02-29', '2025-00-10', '25-01-01'].map(isCalendarDate)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ])
  })
})
