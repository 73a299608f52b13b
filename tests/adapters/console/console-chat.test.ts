import { PassThrough } from 'node:stream'
import { beforeAll, describe, expect, it } from 'vitest'
import { runConsoleChat } from '../../../src/adapters/console/console-chat.js'
import type { Bot } from '../../../src/bot/bot.js'
import { loadBot } from '../../../src/bot/load-bot.js'

let bot: Bot
beforeAll(async () => {
  bot = await loadBot()
})

async function chat(lines: string[]): Promise<string> {
  const input = new PassThrough()
  const output = new PassThrough()
  let text = ''
  output.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8')
  })
  const done = runConsoleChat(bot, { input, output, interactive: false })
  input.end(`${lines.join('\n')}\n`)
  await done
  return text
}

describe('console chat', () => {
  it('answers piped questions with passages and their source, then ends with the input', async () => {
    const text = await chat(['monteur'])
    expect(text).toContain('Les logiciels d’IA automatisent le montage de base')
    expect(text).toContain('Source : KILL THE TAPE')
    expect(text).toContain('#:~:text=')
  })

  it('presses buttons with words: suivant, plus, partager N', async () => {
    const text = await chat(['parcours', 'suivant', 'IA', 'plus', 'partager 1'])
    expect(text).toContain('Parcours 1/')
    expect(text).toContain('Parcours 2/')
    expect(text).toContain('Suite des résultats (4–6')
    expect(text).toContain('partagé par vous')
  })

  it('answers odd lines without stopping', async () => {
    const text = await chat(['', '__proto__', '\u0000', 'pizza', 'quitter', 'monteur'])
    expect(text).toContain('ia-cinema : l’IA et les métiers du cinéma') // help for the empty line
    expect(text).toContain('Rien trouvé pour « __proto__ »')
    // "quitter" ends the chat: the last line is not answered.
    expect(text).not.toContain('automatisent le montage')
  })
})
