import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { PassThrough, Writable } from 'node:stream'
import { beforeAll, describe, expect, it } from 'vitest'
import { type ConsoleOptions, runConsoleChat } from '../../../src/adapters/console/console-chat.js'
import { displayWidth } from '../../../src/adapters/console/wrap.js'
import { decodeAction, encodeAction } from '../../../src/answers/actions.js'
import type { Bot } from '../../../src/bot/bot.js'
import type { CardImage, CardSource } from '../../../src/cards/card-renderer.js'
import { CONTROL_CHARACTER } from '../../helpers/controls.js'
import { projectBot } from '../../helpers/engine.js'
import { FakeBot, passage, resultsFor } from '../slack/fake-bot.js'

let bot: Bot
beforeAll(async () => {
  bot = await projectBot()
})

function collect(output: PassThrough): () => string {
  let text = ''
  output.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8')
  })
  return () => text
}

/** Piped lines, as `echo … | npm start` gives them. */
async function chat(lines: string[], options: Partial<ConsoleOptions> = {}): Promise<string> {
  const input = new PassThrough()
  const output = new PassThrough()
  const text = collect(output)
  const done = runConsoleChat(bot, { input, output, interactive: false, ...options })
  input.end(`${lines.join('\n')}\n`)
  await done
  return text()
}

/**
 * Keys typed at a terminal `columns` wide, each string once the chat waits for the next line (its prompt
 * shown again): the streams say they are TTYs, so readline runs in terminal mode (raw input, its own echo,
 * keys decoded), as on process.stdin/stdout at a real terminal.
 */
async function terminal(keys: string[], columns = 60): Promise<string> {
  const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => input })
  const output = Object.assign(new PassThrough(), { isTTY: true, columns })
  const text = collect(output)
  let prompts = 0
  const typed = [...keys]
  output.on('data', (chunk: Buffer) => {
    prompts += count(chunk.toString('utf8'), 'ia-cinema> ')
    // The prompt of the first line, then one more per answer; typed once readline is done writing it.
    if (typed.length > 0 && prompts >= keys.length - typed.length + 1) {
      const next = typed.shift()
      setImmediate(() => input.write(next))
    }
  })
  await runConsoleChat(bot, { input, output, interactive: true })
  return text()
}

const count = (text: string, part: string) => text.split(part).length - 1
/** Styles, hyperlinks and cursor moves: what the terminal does not show as text. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: terminal escape sequences are what it removes
const ESCAPES = /\u001b\]8;;[^\u001b]*\u001b\\|\u001b\[[0-9;]*[A-Za-z]|\r/g
const visible = (text: string) => text.replace(ESCAPES, '')

describe('console chat, piped', () => {
  it('answers with passages, each source once, and numbered links in full', async () => {
    const text = await chat(['monteur'])
    expect(text).toContain('Les logiciels d’IA automatisent le montage de base')
    expect(count(text, 'Source : KILL THE TAPE')).toBe(1)
    expect(text).toMatch(/^\[1\] https:\/\/\S+#:~:text=\S+$/m)
    expect(text).toMatch(/^\[3\] https:\/\/\S+#:~:text=\S+$/m)
    // Each paragraph on one line: a pipe or a file is not a screen.
    expect(text).toMatch(/^ {3}Les logiciels d’IA automatisent .* travail manuel$/m)
  })

  it('presses buttons with words: suivant, plus, partager N, lien N', async () => {
    const text = await chat(['parcours', 'suivant', 'IA', 'plus', 'partager 1', 'lien 2'])
    expect(text).toContain('Parcours 1/')
    expect(text).toContain('Parcours 2/')
    expect(text).toContain('Suite des résultats (4–6')
    expect(text).toContain('partagé par vous')
    expect(text).toMatch(/^https:\/\/\S+#:~:text=\S+$/m)
  })

  it('titles a page of one « Résultat N sur N », and says when there is no more', async () => {
    // The last page starts at the last result: one passage, whatever the count for this question.
    const first = await bot.ask('monteur', { platform: 'console' })
    const more = decodeAction(first.actions.find((a) => a.kind === 'more')?.id ?? '')
    if (more?.kind !== 'more') throw new Error('no « plus » for monteur')
    const page = async (offset: number) =>
      (await bot.act(encodeAction({ ...more, offset }), { platform: 'console' })) as {
        answer?: { kind: string; title: string; items: unknown[] }
      }
    let total = more.offset
    while ((await page(total)).answer?.kind === 'results') total += 1
    const last = (await page(total - 1)).answer
    expect(last?.items).toHaveLength(1)
    expect(last?.title).toBe(`Résultat ${total} sur ${total}`)

    const text = await chat(['monteur', ...Array.from({ length: total }, () => 'plus'), 'partager 9'])
    expect(text).toContain(`Résultat ${total} sur ${total}`)
    expect(text).not.toMatch(/\((\d+)–\1 sur/)
    expect(text).toContain('Rien de plus à montrer')
    expect(text).not.toContain('Rien trouvé pour « plus »')
    expect(text).toContain('Pas de passage n° 9 dans la dernière réponse.')
  })

  it('« recommencer » goes back to step 1 from any step, the wrapped-around one included', async () => {
    const text = await chat(['parcours 99', 'recommencer', 'recommencer', 'suivant', 'recommencer'])
    const titles = text.match(/^Parcours \d+\/\d+/gm)
    expect(titles).toEqual([
      'Parcours 16/16',
      'Parcours 1/16',
      'Parcours 1/16',
      'Parcours 2/16',
      'Parcours 1/16',
    ])
  })

  it('writes a quote’s card to a PNG file on « carte N » and prints where', async () => {
    const cardDir = await mkdtemp(path.join(tmpdir(), 'ia-cinema-console-cards-'))
    const drawn: string[] = []
    // The drawing itself is tested in tests/cards; here, what the chat does with a card.
    const cards: CardSource = {
      async card(item) {
        drawn.push(item.id)
        const image = { png: Buffer.from(`png of ${item.id}`), width: 1200, height: 630, filename: 'q.png' }
        return image as CardImage
      },
    }
    const text = await chat(['citation miyazaki', 'carte 1', 'monteur', 'carte 1', 'carte 9'], {
      cards,
      cardDir,
    })
    expect(text).toContain('« carte 1 » pour une image de la citation')
    const file = path.join(cardDir, 'q.png')
    expect(text).toContain(`Carte enregistrée (1200×630) : ${file}`)
    expect(drawn).toEqual([expect.stringMatching(/#q\d+$/)])
    expect(await readFile(file, 'utf8')).toBe(`png of ${drawn[0]}`)
    // The first result for "monteur" is a passage: no card, and no search for « carte 1 » either.
    expect(text).toContain('Pas de carte pour ce résultat : seules les citations en ont une.')
    expect(text).toContain('Pas de passage n° 9 dans la dernière réponse.')
  })

  it('says where the whole quotation is when the card shows an excerpt', async () => {
    const cardDir = await mkdtemp(path.join(tmpdir(), 'ia-cinema-console-cards-'))
    const cards: CardSource = {
      async card() {
        const image = { png: Buffer.from('png'), width: 1200, height: 630, filename: 'q.png', excerpt: true }
        return image as CardImage
      },
    }
    const text = await chat(['citation miyazaki', 'carte 1'], { cards, cardDir })
    expect(text).toMatch(
      /Extrait : la citation entière est sur https:\/\/www\.killthetape\.com\/\S+#:~:text=/,
    )
  })

  it('answers odd lines without stopping', async () => {
    const text = await chat(['', '__proto__', '\u0000', 'pizza', 'quitter', 'monteur'])
    expect(text).toContain('ia-cinema : l’IA et les métiers du cinéma') // help for the empty line
    expect(text).toContain('Rien trouvé pour « __proto__ »')
    // "quitter" ends the chat: the last line is not answered.
    expect(text).not.toContain('automatisent le montage')
  })
})

describe('control characters', () => {
  const HOSTILE = '\u0007\u001b]0;titre volé\u0007\u001b[2J\u009b1m\u202egnirts\u200b'

  it('never reach the output, whether the question or the answer carries them', async () => {
    const text = await chat([`zzqx ${HOSTILE} yyqw`, '\u0007monteur\u202e\u009b'])
    expect(text).not.toMatch(CONTROL_CHARACTER)
    // An escape sequence goes whole: the window title it would set is not text either.
    expect(text).toContain('Rien trouvé pour « zzqx gnirts yyqw »')
    expect(text).toContain('Les logiciels d’IA automatisent le montage de base')

    // An answer that carries them (a document, a speaker): out too, at a terminal where the chat's own
    // styles (bold, links) are escape sequences themselves.
    const fake = new FakeBot()
    fake.fixed = resultsFor(`monteur${HOSTILE}`, [
      passage('d#p1', `Le montage${HOSTILE} change. « L’œil » reste\u00a0: 🎬 👩‍💻`, ['montage']),
    ])
    const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => input })
    const output = Object.assign(new PassThrough(), { isTTY: true, columns: 80 })
    const shown = collect(output)
    const done = runConsoleChat(fake, { input, output, interactive: true })
    input.write('monteur\r')
    await new Promise((resolve) => setTimeout(resolve, 50))
    input.write('\u0003')
    await done
    const screen = shown()
    expect(screen).toContain('\u001b[1mmontage\u001b[22m')
    expect(screen).toContain('change. « L’œil » reste\u00a0: 🎬 👩‍💻')
    for (const part of ['\u0007', '\u001b]0;', '\u001b[2J', '\u009b', '\u202e', '\u200b'])
      expect(screen.includes(part), JSON.stringify(part)).toBe(false)
  })
})

describe('console chat, at a terminal', () => {
  it('recalls the previous line with Up instead of searching for the escape sequence', async () => {
    const text = await terminal(['monteur\r', '\u001b[A\r', 'quitter\r'])
    expect(count(text, 'Les logiciels d’IA automatisent')).toBe(2)
    expect(text).not.toContain('Rien trouvé')
  })

  it('wraps to the width at spaces, bold matches, short numbered links, and ends on Ctrl-C', async () => {
    const text = await terminal(['monteur\r', '\u0003'], 60)
    const lines = visible(text).split('\n')
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(60)
    // Whole words: the passage comes back word for word from its wrapped lines.
    const start = lines.findIndex((line) => line.startsWith('   Les logiciels d’IA'))
    const end = lines.findIndex((line, i) => i > start && line.endsWith('travail manuel'))
    expect(start).toBeGreaterThan(0)
    const passage = lines.slice(start, end + 1).map((line) => line.trim())
    expect(passage.join(' ')).toMatch(
      /^Les logiciels d’IA automatisent le montage de base, .* de travail manuel$/,
    )
    expect(text).toContain('\u001b[1mmontage\u001b[22m')
    // [1] is a hyperlink (OSC 8) to the passage: short on screen, the whole address behind it.
    const link = text.slice(text.indexOf('\u001b]8;;https://'), text.indexOf('\u001b\\[1]'))
    expect(link.startsWith('\u001b]8;;https://')).toBe(true)
    expect(link).toMatch(/#:~:text=\S+$/)
    expect(visible(text)).toContain('Liens : [1] [2] [3]')
    expect(text).not.toContain('\n[1] https://')
  })
})

describe('a reader that goes away', () => {
  it('ends the chat quietly when its output is closed (npm start | head -3): no throw, no more writes', async () => {
    const input = new PassThrough()
    let writes = 0
    const output = new Writable({
      write(_chunk, _encoding, callback) {
        writes++
        // The pipe's reader is gone after the first line: every write fails as a closed pipe does.
        callback(writes > 1 ? Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }) : null)
      },
    })
    const done = runConsoleChat(bot, { input, output, interactive: false })
    for (const line of ['monteur', 'doublage', 'sources']) input.write(`${line}\n`)
    await done
    expect(writes).toBeGreaterThan(1)
    // The failure stopped the chat: the lines still waiting were not answered into a closed pipe.
    expect(writes).toBeLessThan(6)
  })
})
