import { spawnSync } from 'node:child_process'
import { mkdtemp, readdir, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { CONTROL_CHARACTER } from '../../helpers/controls.js'
import { FIXTURE_CORPUS_DIR } from '../../helpers/corpus.js'
import { ROOT } from '../../helpers/start-process.js'

/** `npm run card` as npm runs it: from the project's folder, whatever folder the user is in. */
function card(args: string[], env: Record<string, string>) {
  return spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['src/adapters/cli/card.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, CORPUS_DIR: FIXTURE_CORPUS_DIR, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  })
}

describe('npm run card', () => {
  it('writes the card into the temporary folder without -o, never the project’s, and prints the whole path', async () => {
    const temporary = await mkdtemp(path.join(tmpdir(), 'ia-cinema-card-tmp-'))
    const rootBefore = await readdir(ROOT)
    const run = card(['q3'], { TMPDIR: temporary })
    expect(run.status, run.stderr).toBe(0)
    const file = path.join(temporary, 'ia-cinema-cartes', 'citation-ia-emploi-cinema-audiovisuel-q3.png')
    expect(run.stdout).toMatch(
      new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(1200×630\\): «`),
    )
    expect((await readFile(file)).subarray(1, 4).toString()).toBe('PNG')
    expect(await readdir(ROOT)).toEqual(rootBefore)
  })

  it('says in one line, without its control characters, that a theme has no quote', () => {
    const run = card(['zzqx\u0007\u001b]0;titre\u0007\u001b[2J\u202eyyqw'], {})
    expect(run.status).toBe(1)
    expect(run.stderr).toMatch(/^no quote about "zzqxyyqw"; quote ids: q1 /)
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1)
    expect(run.stderr).not.toMatch(CONTROL_CHARACTER)
  })
})
