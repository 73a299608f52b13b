/**
 * Each corpus is measured in a child process of its own, so that memory is that corpus', not the sum of
 * the corpora measured before it. `--sizes 10,100,1000` generates a synthetic corpus per size in a
 * temporary folder first.
 */
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { DEFAULT_CORPUS_DIR } from '../../src/bot/load-bot.js'
import type { CorpusFigures } from './measure-corpus.js'
import { details } from './report.js'
import { generateCorpus } from './synthetic-corpus.js'

const ROOT = path.resolve(import.meta.dirname, '..', '..')

export interface SizesOptions {
  sizes: number[]
  seed: number
  neverSeen: number
  /** Told each figure as it comes (a size of 1,000 documents takes minutes). */
  progress: (line: string) => void
}

/**
 * Measures one corpus folder in a fresh child process (`bench.ts --corpus DIR --json`) with the garbage
 * collector exposed, so that memory after load is measured after a full collection.
 */
export function measureInChild(
  corpusDir: string,
  options: Pick<SizesOptions, 'seed' | 'neverSeen'>,
): Promise<CorpusFigures> {
  const child = spawn(
    process.execPath,
    [
      '--expose-gc',
      '--import',
      'tsx',
      path.join(ROOT, 'scripts', 'bench.ts'),
      '--corpus',
      corpusDir,
      '--json',
      '--seed',
      String(options.seed),
      '--never-seen',
      String(options.neverSeen),
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  )
  let stdout = ''
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString()
  })
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`bench: measuring ${corpusDir} failed (exit ${code})`))
      try {
        resolve(JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as CorpusFigures)
      } catch {
        reject(new Error(`bench: no figures from ${corpusDir}`))
      }
    })
  })
}

export async function measureSizes(options: SizesOptions): Promise<CorpusFigures[]> {
  const root = await mkdtemp(path.join(tmpdir(), 'ia-cinema-bench-'))
  const figures: CorpusFigures[] = []
  try {
    for (const documents of options.sizes) {
      const dir = path.join(root, `corpus-${documents}`)
      await generateCorpus({ documents, out: dir, seed: options.seed, from: DEFAULT_CORPUS_DIR })
      options.progress(`bench: ${documents} documents generated in ${dir}, measuring…`)
      const measured = await measureInChild(dir, options)
      options.progress(details(measured))
      figures.push(measured)
      await rm(dir, { recursive: true, force: true })
    }
  } finally {
    await rm(root, { recursive: true, force: true })
  }
  return figures
}
