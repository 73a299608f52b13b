import { spawnSync } from 'node:child_process'
import { cp, mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')

/**
 * The corpus the tests read: the project's article, its questions, the thesaurus and the glossary, as
 * symbolic links to the live files in corpus/ (so the thesaurus as tuned stays tested, nothing is copied),
 * and nothing else. A document added to corpus/ (npm run corpus:add) changes what the bot serves, not what
 * the tests expect; `npm run corpus:check` checks the live folder.
 */
export const FIXTURE_CORPUS_DIR = path.join(ROOT, 'tests', 'fixtures', 'corpus')

/**
 * A temporary copy of the fixture corpus, regular files only: a test may write into it (a broken thesaurus,
 * a second document) without writing through a link into corpus/.
 */
export async function copyFixtureCorpus(prefix = 'ia-cinema-corpus-'): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix))
  await cp(FIXTURE_CORPUS_DIR, dir, { recursive: true, dereference: true })
  return dir
}

/** Whether coreutils' mkfifo is there (Node has no mkfifo): tests that need a FIFO are skipped without it. */
export const HAS_MKFIFO = spawnSync('mkfifo', ['--version']).status === 0

/** Makes a FIFO (a named pipe) at `file`. */
export function mkfifo(file: string): void {
  const run = spawnSync('mkfifo', [file], { encoding: 'utf8' })
  if (run.status !== 0) throw new Error(`mkfifo ${file}: ${run.stderr || run.error}`)
}
