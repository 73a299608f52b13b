import { createInterface } from 'node:readline'
import type { Readable, Writable } from 'node:stream'
import type { Action, Answer } from '../../answers/answer.js'
import type { Bot, Requester } from '../../bot/bot.js'
import type { Logger } from '../../logger.js'
import { fold } from '../../text/normalize.js'
import { ANSI, PLAIN, renderShare, renderText } from './render-text.js'

export interface ConsoleOptions {
  input: Readable
  output: Writable
  /** Show a prompt and bold matches (an interactive terminal). */
  interactive: boolean
  logger?: Logger
}

const REQUESTER: Requester = { platform: 'console', userId: 'console' }
const EXIT_WORDS = new Set(['quitter', 'quit', 'exit', 'bye', 'au revoir'])

/**
 * The embedded chat: one line in, one answer out, over the same commands as Slack and Discord. Buttons
 * become words: "plus", "suivant", "citation", "partager 2". Resolves when the input ends.
 */
export function runConsoleChat(bot: Bot, options: ConsoleOptions): Promise<void> {
  const { input, output, interactive } = options
  const style = interactive ? ANSI : PLAIN
  const lines = createInterface({ input, terminal: false, crlfDelay: Number.POSITIVE_INFINITY })
  const write = (text: string) => output.write(`${text}\n`)
  let lastActions: Action[] = []
  let queue = Promise.resolve()

  const prompt = () => {
    if (interactive) output.write('ia-cinema> ')
  }
  if (interactive) {
    write(
      'ia-cinema — l’IA et les métiers du cinéma. Tapez un métier, une question, « aide » ou « quitter ».',
    )
  }
  prompt()

  let quitting = false
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
      const action = buttonFor(text, lastActions)
      if (action) {
        const outcome = await bot.act(action.id, REQUESTER)
        if (outcome.type === 'answer') show(outcome.answer)
        else if (outcome.type === 'share') write(`\n${renderShare(outcome.item, 'vous')}\n`)
        else write(outcome.message)
      } else {
        show(await bot.ask(text, REQUESTER))
      }
    } catch (error) {
      options.logger?.error({ err: error }, 'console answer failed')
      write('Désolé, une erreur est survenue. Réessayez.')
    }
    prompt()
  }

  const show = (answer: Answer) => {
    write(renderText(answer, style))
    lastActions = answer.actions
    const hints = actionHints(answer)
    if (hints) write(`\n${hints}`)
    write('')
  }

  lines.on('line', (line) => {
    queue = queue.then(() => handle(line))
  })
  return new Promise((resolve) => {
    lines.on('close', () => {
      void queue.then(() => resolve())
    })
  })
}

/** The words that press the last answer's buttons. */
function buttonFor(text: string, actions: Action[]): Action | undefined {
  const word = fold(text)
  const share = /^partager\s+(\d+)$/.exec(word)
  if (share) {
    const shares = actions.filter((a) => a.kind === 'share')
    return shares[Number(share[1]) - 1]
  }
  if (word === 'plus') return actions.find((a) => a.kind === 'more')
  if (word === 'suivant' || word === 'recommencer') return actions.find((a) => a.kind === 'next')
  if (word === 'citation' || word === 'autre citation') return actions.find((a) => a.kind === 'quote')
  return undefined
}

function actionHints(answer: Answer): string {
  const hints: string[] = []
  const shares = answer.actions.filter((a) => a.kind === 'share').length
  if (shares > 0) hints.push(shares === 1 ? '« partager 1 »' : `« partager 1 » à « partager ${shares} »`)
  if (answer.actions.some((a) => a.kind === 'more')) hints.push('« plus » pour la suite')
  const next = answer.actions.find((a) => a.kind === 'next')
  if (next) hints.push(`« ${fold(next.label)} »`)
  if (answer.actions.some((a) => a.kind === 'quote')) hints.push('« citation » sur le même thème')
  return hints.length > 0 ? `→ ${hints.join(' · ')}` : ''
}
