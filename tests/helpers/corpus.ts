import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs'
import { copyFile, mkdir, mkdtemp, readdir } from 'node:fs/promises'
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
  await copyResolved(FIXTURE_CORPUS_DIR, dir)
  return dir
}

/**
 * Copies a flat folder of files and links to files as regular files. Not `cp(…, { dereference: true })`:
 * Node 24's copies the links as links, and a test writing into its « copy » then wrote into corpus/.
 */
export async function copyResolved(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true })
  for (const entry of await readdir(from)) await copyFile(path.join(from, entry), path.join(to, entry))
}

/** copyResolved, for a test that runs synchronously. */
export function copyResolvedSync(from: string, to: string): void {
  mkdirSync(to, { recursive: true })
  for (const entry of readdirSync(from)) copyFileSync(path.join(from, entry), path.join(to, entry))
}

/** Whether coreutils' mkfifo is there (Node has no mkfifo): tests that need a FIFO are skipped without it. */
export const HAS_MKFIFO = spawnSync('mkfifo', ['--version']).status === 0

/** Makes a FIFO (a named pipe) at `file`. */
export function mkfifo(file: string): void {
  const run = spawnSync('mkfifo', [file], { encoding: 'utf8' })
  if (run.status !== 0) throw new Error(`mkfifo ${file}: ${run.stderr || run.error}`)
}
