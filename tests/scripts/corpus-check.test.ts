import { cp, mkdir, mkdtemp, readdir, readlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCorpusAdd } from '../../scripts/corpus-add/run.js'
import { runCorpusCheck } from '../../scripts/corpus-check/run.js'
import { DEFAULT_CORPUS_DIR } from '../../src/bot/load-bot.js'
import { loadCorpus } from '../../src/corpus/load-corpus.js'
import { FIXTURES } from '../corpus/import/fixtures.js'
import { copyFixtureCorpus, copyResolved, FIXTURE_CORPUS_DIR } from '../helpers/corpus.js'

async function check(corpusDir: string, evalFile?: string) {
  let stdout = ''
  let stderr = ''
  const code = await runCorpusCheck({
    corpusDir,
    evalFile,
    stdout: (text) => {
      stdout += text
    },
    stderr: (text) => {
      stderr += text
    },
  })
  return { code, stdout, stderr }
}

const quiet = { stdout: () => {}, stderr: () => {} }

describe('the tests’ own corpus', () => {
  it('is the article, its questions, the thesaurus and the glossary, each a relative link into corpus/', async () => {
    const names = (await readdir(FIXTURE_CORPUS_DIR)).sort()
    expect(names).toEqual([
      'glossary.en-fr.yaml',
      'ia-emploi-cinema-audiovisuel.md',
      'ia-emploi-cinema-audiovisuel.questions.yaml',
      'thesaurus.yaml',
    ])
    for (const name of names) {
      const target = await readlink(path.join(FIXTURE_CORPUS_DIR, name))
      // Relative: it points into the corpus/ of whichever checkout it is in.
      expect(path.isAbsolute(target), name).toBe(false)
      expect(path.resolve(FIXTURE_CORPUS_DIR, target)).toBe(path.join(DEFAULT_CORPUS_DIR, name))
    }
  })

  it('stays what it is when a document is added to corpus/ as the README says', async () => {
    // The project's layout in miniature: corpus/ (regular files) and the fixture's links beside it.
    const project = await mkdtemp(path.join(tmpdir(), 'ia-cinema-project-'))
    const liveDir = path.join(project, 'corpus')
    const fixtureDir = path.join(project, 'tests', 'fixtures', 'corpus')
    await copyResolved(FIXTURE_CORPUS_DIR, liveDir)
    await mkdir(path.dirname(fixtureDir), { recursive: true })
    await cp(FIXTURE_CORPUS_DIR, fixtureDir, { recursive: true, verbatimSymlinks: true })
    const before = await loadCorpus(fixtureDir)

    const page = path.join(FIXTURES, 'interview-page.html')
    expect(await runCorpusAdd([page], { corpusDir: liveDir, ...quiet })).toBe(0)
    const live = await loadCorpus(liveDir)
    expect(live.documents).toHaveLength(2)

    // What every test reads is unchanged: the same article, the same records, the same version.
    const after = await loadCorpus(fixtureDir)
    expect(after.documents.map((d) => d.meta.id)).toEqual(['ia-emploi-cinema-audiovisuel'])
    expect(after.records).toEqual(before.records)
    expect(after.version).toBe(before.version)
    // And the live folder is checked by its own command.
    const run = await check(liveDir)
    expect(run.stdout).toContain('2 document(s)')
  })
})

describe('npm run corpus:check', () => {
  it('passes on the project’s article: valid, indexed, every public eval question answered', async () => {
    const run = await check(FIXTURE_CORPUS_DIR)
    expect(run).toMatchObject({ code: 0, stderr: '' })
    expect(run.stdout).toMatch(/24\/24 found in the top 3, 2\/2 off-topic answered empty\n {2}ok\n$/)
  })

  it('names the file and field of an invalid corpus in one line, relative to the folder', async () => {
    const dir = await copyFixtureCorpus()
    await writeFile(path.join(dir, 'notes.md'), '---\ntitle: Notes\n---\n\nDu texte.\n')
    const run = await check(dir)
    expect(run.code).toBe(1)
    expect(run.stderr).toBe(
      `corpus:check: ${dir}: notes.md: front matter field "url": Invalid input: expected string, received undefined\n`,
    )
  })

  it('fails, one line each, on eval questions the corpus no longer answers', async () => {
    const dir = await copyFixtureCorpus()
    const evalFile = path.join(dir, '..', `${path.basename(dir)}-queries.jsonl`)
    await writeFile(
      evalFile,
      [
        { q: 'monteur', any: ['Les logiciels d’IA automatisent le montage de base'] },
        { q: 'monteur', any: ['une phrase que l’article ne contient pas'] },
        { q: 'doublage', none: true },
      ]
        .map((line) => JSON.stringify(line))
        .join('\n'),
    )
    const run = await check(dir, evalFile)
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('1/2 found in the top 3, 0/1 off-topic answered empty')
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      'corpus:check: eval: « monteur » no longer finds its passage in the top 3 (rank none)',
      'corpus:check: eval: « doublage » is off-topic but gets an answer',
    ])
  })
})
