import { spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { FIXTURE_CORPUS_DIR } from '../helpers/corpus.js'
import { ROOT } from '../helpers/start-process.js'

/** `echo … | npm start` with no token: the console chat answers every piped line, then exits 0. */
describe('npm start with no token (console chat)', () => {
  it('answers each piped question with passages and their source, and exits 0 at the end of input', () => {
    const lines = Array.from({ length: 15 }, () => 'monteur')
    const run = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['src/main.ts'], {
      cwd: ROOT,
      input: `${lines.join('\n')}\n`,
      encoding: 'utf8',
      timeout: 60_000,
      env: {
        PATH: process.env.PATH ?? '',
        DATA_DIR: mkdtempSync(path.join(tmpdir(), 'ia-cinema-console-')),
        CORPUS_DIR: FIXTURE_CORPUS_DIR,
      },
    })
    expect(run.status).toBe(0)
    // Every line is answered: fair use limits shared channels, not one person piping questions.
    expect(run.stdout.split('Les logiciels d’IA automatisent le montage de base').length - 1).toBe(15)
    expect(run.stdout).toContain('Source : KILL THE TAPE')
    expect(run.stdout).not.toContain('Trop de demandes')
  })
})
