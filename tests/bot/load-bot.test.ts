import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_CORPUS_DIR, projectRoot } from '../../src/bot/load-bot.js'
import { ROOT } from '../helpers/start-process.js'

describe('the project folder', () => {
  it('is found from the sources and from the compiled bot alike', async () => {
    expect(DEFAULT_CORPUS_DIR).toBe(path.join(ROOT, 'corpus'))
    const project = await mkdtemp(path.join(tmpdir(), 'ia-cinema-root-'))
    await writeFile(path.join(project, 'package.json'), '{}')
    for (const folder of [
      ['src', 'bot'],
      ['dist', 'src', 'bot'],
    ]) {
      const from = path.join(project, ...folder)
      await mkdir(from, { recursive: true })
      expect(projectRoot(from)).toBe(project)
    }
  })
})
