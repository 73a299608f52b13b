import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pino } from 'pino'
import { describe, expect, it } from 'vitest'
import { createBot } from '../../src/bot/create-bot.js'
import { type EngineBuilder, EngineHolder } from '../../src/bot/engine-holder.js'
import { SearchEngine } from '../../src/search/engine.js'
import { copyFixtureCorpus, copyResolved, FIXTURE_CORPUS_DIR } from '../helpers/corpus.js'

const ARTICLE = 'ia-emploi-cinema-audiovisuel.md'

describe('EngineHolder', () => {
  it('swaps in a valid edit, and keeps serving the old corpus after an invalid one, logging one line', async () => {
    const dir = await copyFixtureCorpus('ia-cinema-holder-')
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

describe('EngineHolder after a reload that fails', () => {
  it('never shows the corpus folder’s path when the folder itself cannot be read', async () => {
    const parent = await mkdtemp(path.join(tmpdir(), 'ia-cinema-holder-gone-'))
    const dir = path.join(parent, 'corpus')
    await copyResolved(FIXTURE_CORPUS_DIR, dir)
    const lines: string[] = []
    const holder = await EngineHolder.load(
      dir,
      pino({ level: 'info' }, { write: (line: string) => lines.push(line) }),
    )
    await rename(dir, `${dir}-moved`)
    expect(await holder.reload('test')).toBe(false)
    const message = holder.status().lastError?.message ?? ''
    expect(message).toBe('the corpus folder cannot be read')
    expect(message).not.toContain(parent)
    // The operator's log line still says which folder.
    expect(JSON.parse(lines.find((line) => line.includes('reload failed')) ?? '{}')).toMatchObject({
      file: dir,
    })
    holder.close()
    await rm(parent, { recursive: true, force: true })
  })
})

describe('EngineHolder reloads', () => {
  /**
   * A builder whose builds finish when the test releases them (the first, at load, finishes at once);
   * `started()` resolves with the release of the next build to start.
   */
  function controlledBuilder() {
    let builds = 0
    const waiting: Array<(release: () => void) => void> = []
    const unclaimed: Array<() => void> = []
    const build: EngineBuilder = async (corpus) => {
      builds++
      if (builds > 1)
        await new Promise<void>((release) => {
          const waiter = waiting.shift()
          if (waiter) waiter(release)
          else unclaimed.push(release)
        })
      return SearchEngine.build(corpus)
    }
    const started = () =>
      new Promise<() => void>((resolve) => {
        const release = unclaimed.shift()
        if (release) resolve(release)
        else waiting.push(resolve)
      })
    return { build, started, builds: () => builds }
  }

  it('serves the old corpus while the new one builds, and makes one more reload of any asked meanwhile', async () => {
    const dir = await copyFixtureCorpus('ia-cinema-holder-')
    const builder = controlledBuilder()
    const holder = await EngineHolder.load(dir, pino({ level: 'silent' }), { build: builder.build })
    const bot = createBot(() => holder.engine)
    const first = holder.engine
    const file = path.join(dir, ARTICLE)
    await writeFile(
      file,
      `${await readFile(file, 'utf8')}\n## Drones\n\nLes dronistes préparent leurs survols avec l’IA.\n`,
    )

    const order: string[] = []
    const reloaded = holder.reload('test').then((ok) => order.push(`reload ${ok}`))
    const releaseFirst = await builder.started()
    expect(holder.status().reloadingSince).toBeInstanceOf(Date)
    // Asked during the build: answered at once, from the corpus still serving.
    const answer = await bot.ask('dronistes', { platform: 'console' })
    order.push(`ask ${answer.kind}`)
    const again = [holder.reload('again'), holder.reload('and again')]
    expect(again[0]).toBe(again[1])

    releaseFirst()
    await reloaded
    expect(order).toEqual(['ask empty', 'reload true'])
    expect(holder.engine).not.toBe(first)
    expect((await bot.ask('dronistes', { platform: 'console' })).kind).toBe('results')

    // The reloads asked during the first make exactly one more build, after it.
    ;(await builder.started())()
    expect(await Promise.all(again)).toEqual([true, true])
    expect(builder.builds()).toBe(3)
    expect(holder.status().reloadingSince).toBeUndefined()
  })
})
