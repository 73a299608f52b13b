import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pino } from 'pino'
import { describe, expect, it } from 'vitest'
import { EngineHolder } from '../../src/bot/engine-holder.js'
import { DEFAULT_CORPUS_DIR } from '../../src/bot/load-bot.js'

const ARTICLE = 'ia-emploi-cinema-audiovisuel.md'

describe('EngineHolder', () => {
  it('swaps in a valid edit, and keeps serving the old corpus after an invalid one, logging one line', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ia-cinema-holder-'))
    await cp(DEFAULT_CORPUS_DIR, dir, { recursive: true })
    const lines: string[] = []
    const holder = await EngineHolder.load(
      dir,
      pino({ level: 'info' }, { write: (line: string) => lines.push(line) }),
    )
    const first = holder.status().version
    expect(holder.engine.search('dronistes').hits).toEqual([])

    const file = path.join(dir, ARTICLE)
    const edited = (await readFile(file, 'utf8')).replace(
      '## Conclusion : encadrer l’IA',
      '## Drones\n\nLes dronistes préparent leurs survols avec l’IA.\n\n## Conclusion : encadrer l’IA',
    )
    await writeFile(file, edited)
    expect(await holder.reload('test')).toBe(true)
    expect(holder.status().version).not.toBe(first)
    expect(holder.engine.search('dronistes').hits[0]?.record.text).toContain('dronistes préparent')

    await writeFile(file, edited.replace(/^year: .*$/m, 'year: deux mille'))
    expect(await holder.reload('test')).toBe(false)
    expect(holder.engine.search('dronistes').hits.length).toBeGreaterThan(0)
    // Relative to the corpus folder: /healthz shows it publicly.
    expect(holder.status().lastError?.message).toMatch(new RegExp(`^${ARTICLE}: front matter field "year": `))
    expect(holder.status().lastError?.message).not.toContain(dir)
    const failures = lines.filter((line) => line.includes('reload failed'))
    expect(failures).toHaveLength(1)
    expect(JSON.parse(failures[0] ?? '{}')).toMatchObject({ file, field: 'front matter field "year"' })
    holder.close()
  })
})
