import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { clearLine, createInterface, cursorTo } from 'node:readline'
import type { Readable, Writable } from 'node:stream'
import type { Answer } from '../../answers/answer.js'
import type { ActionOutcome, Bot, Requester } from '../../bot/bot.js'
import { CARD_DIR } from '../../cards/card-dir.js'
import { CardRenderer, type CardSource } from '../../cards/card-renderer.js'
import { type Logger, writeLogLinesAround } from '../../logger.js'
import { stripControls, stripControlsDeep } from '../../text/controls.js'
import { fold } from '../../text/normalize.js'
import { PLAIN, renderShare, renderText, type TextStyle, terminalStyle } from './render-text.js'
import { actionHints, EXIT_WORDS, wordFor } from './words.js'
import { wrap } from './wrap.js'

export interface ConsoleOptions {
  input: Readable
  output: Writable
  /**
   * A person at a terminal (stdin and stdout are TTYs): readline's terminal mode — line editing, history
   * on Up and Down, and no line-length limit, since the terminal leaves canonical mode, whose line buffer
   * (4,095 bytes on Linux) cuts a longer pasted line —, a prompt, bold matches, text wrapped to the width
   * and short numbered links. Otherwise (pipes, files) one paragraph a line and addresses in full.
   */
  interactive: boolean
  /** The terminal's width, read before each answer (the window may be resized). Default: output.columns. */
  columns?: () => number
  logger?: Logger
  /** Quote cards (« carte 1 »): where they are drawn and the folder they are written to. */
  cards?: CardSource
  cardDir?: string
}

/** Where « carte 1 » writes its PNG unless told otherwise: out of the way of the working copy. */
export const DEFAULT_CARD_DIR = CARD_DIR

const REQUESTER: Requester = { platform: 'console', userId: 'console' }
const PROMPT = 'ia-cinema> '
const HISTORY_SIZE = 200
const DEFAULT_COLUMNS = 80

/**
 * The embedded chat: one line in, one answer out, over the same commands as Slack and Discord. Buttons
 * become words: "plus", "suivant", "citation", "partager 2", "lien 2", "carte 2" (writes the quote's card as a
 * PNG file and prints its path). Resolves when the input ends, on « quitter », or on Ctrl-C at a terminal.
 */
export function runConsoleChat(bot: Bot, options: ConsoleOptions): Promise<void> {
  const { input, output, interactive } = options
  // A pseudo-terminal nobody sized says 0 columns.
  const columns =
    options.columns ?? (() => (output as Writable & { columns?: number }).columns || DEFAULT_COLUMNS)
  const style = (): TextStyle => (interactive ? terminalStyle(columns()) : PLAIN)
  const lines = interactive
    ? createInterface({
        input,
        output,
        terminal: true,
        prompt: PROMPT,
        historySize: HISTORY_SIZE,
        removeHistoryDuplicates: true,
      })
    : createInterface({ input, terminal: false, crlfDelay: Number.POSITIVE_INFINITY })
  // A reader that went away (`npm start | head -3`) ends the chat quietly: nothing more can be shown.
  let readerGone = false
  output.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED')
      options.logger?.warn({ err: error }, 'console output failed')
    readerGone = true
    quitting = true
    lines.close()
  })
  const write = (text: string) => {
    if (!readerGone) output.write(`${text}\n`)
  }
  const say = (text: string) => write(`${wrap(text, style().width).join('\n')}\n`)
  let last: Answer | undefined
  let queue = Promise.resolve()
  let quitting = false
  let cards = options.cards

  // Whether the prompt (and what is being typed after it) is the terminal's last line.
  let prompting = false
  const prompt = () => {
    if (!interactive || quitting) return
    lines.prompt()
    prompting = true
  }
  if (interactive) {
    // Log lines (a corpus reloaded, a store that fails) share the terminal: each goes on a line of its own,
    // and the prompt with what was typed so far is drawn again under it.
    writeLogLinesAround((writeLine) => {
      if (!prompting || readerGone) return writeLine()
      clearLine(output, 0)
      cursorTo(output, 0)
      writeLine()
      lines.prompt(true)
    })
    lines.on('close', () => writeLogLinesAround(undefined))
    say('ia-cinema — l’IA et les métiers du cinéma. Tapez un métier, une question, « aide » ou « quitter ».')
    // In terminal mode Ctrl-C reaches readline, not the process as a signal: it ends the chat like Ctrl-D.
    lines.on('SIGINT', () => {
      quitting = true
      output.write('\n')
      lines.close()
    })
  }
  prompt()

  const show = (answer: Answer) => {
    // What the bot says goes to a terminal: no control character of a question or a document acts on it (the
    // styles of terminalStyle are added after).
    write(renderText(stripControlsDeep(answer), style()))
    last = answer
    const hints = actionHints(answer)
    if (hints) write(`\n${wrap(hints, style().width).join('\n')}`)
    write('')
  }

  const writeCard = async (outcome: Extract<ActionOutcome, { type: 'card' }>): Promise<string> => {
    cards ??= new CardRenderer()
    const card = await cards.card(outcome.item, outcome.corpusVersion)
    const directory = options.cardDir ?? DEFAULT_CARD_DIR
    await mkdir(directory, { recursive: true })
    const file = path.join(directory, card.filename)
    await writeFile(file, card.png)
    // A quotation too long for a card shows its first sentences: the whole is at the passage's link.
    const whole = card.excerpt ? `\nExtrait : la citation entière est sur ${outcome.item.link}` : ''
    return `Carte enregistrée (${card.width}×${card.height}) : ${file}${whole}`
  }

  const handle = async (line: string) => {
    // Lines already read past "quitter" (piped input arrives at once) are not answered.
    if (quitting) return
    const text = line.trim()
    if (EXIT_WORDS.has(fold(text))) {
      quitting = true
      lines.close()
      return
    }
    try {
      const word = wordFor(text, last)
      if (word?.kind === 'say') say(word.message)
      else if (word?.kind === 'link') {
        // Whole, on its own line: a wrapped address cannot be opened.
        write(`${stripControls(last?.items[word.number - 1]?.link || 'Ce passage n’a pas d’adresse.')}\n`)
      } else if (word?.kind === 'act') {
        const outcome = await bot.act(word.actionId, REQUESTER)
        if (outcome.type === 'answer') show(outcome.answer)
        else if (outcome.type === 'share')
          write(`\n${renderShare(stripControlsDeep(outcome.item), 'vous', style())}\n`)
        // Whole, on its own line, like a link: a wrapped path cannot be opened.
        else if (outcome.type === 'card') write(`${await writeCard(outcome)}\n`)
        else say(stripControls(outcome.message))
      } else {
        show(await bot.ask(text, REQUESTER))
      }
    } catch (error) {
      options.logger?.error({ err: error }, 'console answer failed')
      write('Désolé, une erreur est survenue. Réessayez.')
    }
    prompt()
  }

  lines.on('line', (line) => {
    prompting = false
    queue = queue.then(() => handle(line))
  })
  return new Promise((resolve) => {
    lines.on('close', () => {
      void queue.then(() => resolve())
    })
  })
}
