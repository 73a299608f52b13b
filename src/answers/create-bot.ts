import { citationCommand, quoteOn } from '../../commands/citation.js'
import { COMMANDS, parseRequest } from '../../commands/index.js'
import { tourStep } from '../../commands/parcours.js'
import { morePage } from '../../commands/search.js'
import type { SearchEngine } from '../search/engine.js'
import { fold } from '../search/normalize.js'
import { decodeAction } from './actions.js'
import { EXPOSURE_LABELS, emptyAnswer } from './answer.js'
import type { ActionOutcome, Bot, Requester, Suggestion } from './bot.js'
import type { CommandContext } from './command.js'
import { jobMap, toItem } from './items.js'

const MAX_SUGGESTIONS = 25
const MAX_CHOICE_LENGTH = 100

export interface BotOptions {
  random?: () => number
}

/** The core behind every adapter: parse, run the command, answer. Holds no per-user state. */
export function createBot(getEngine: () => SearchEngine, options: BotOptions = {}): Bot {
  const random = options.random ?? Math.random
  const contextFor = (requester: Requester): CommandContext => ({ engine: getEngine(), requester, random })

  return {
    async ask(text, requester) {
      const context = contextFor(requester)
      const { command, args } = parseRequest(typeof text === 'string' ? text : '')
      return command.run(args, context)
    },

    async act(actionId, requester): Promise<ActionOutcome> {
      const action = decodeAction(actionId)
      const context = contextFor(requester)
      if (!action) return { type: 'invalid', message: 'Ce bouton n’est plus valable. Relancez la recherche.' }
      switch (action.kind) {
        case 'share': {
          const record = context.engine.records.get(action.recordId)
          if (!record)
            return {
              type: 'invalid',
              message: 'Ce passage n’existe plus (l’article a été mis à jour). Relancez la recherche.',
            }
          return { type: 'share', item: toItem(context.engine, record) }
        }
        case 'more':
          return { type: 'answer', answer: morePage(action.terms, action.offset, context) }
        case 'quote':
          return { type: 'answer', answer: quoteOn(action.terms, context) }
        case 'next':
          return { type: 'answer', answer: tourStep(action.step, context) }
        case 'feedback':
          return { type: 'notice', message: 'Merci pour votre retour !' }
      }
    },

    autocomplete(partial) {
      return suggest(getEngine(), typeof partial === 'string' ? partial : '')
    },

    onboarding() {
      const engine = getEngine()
      const answer = emptyAnswer('help', 'Bienvenue dans ia-cinema')
      const documents = engine.documents.map(
        (d) => `« ${d.meta.title} » (${d.meta.publisher}, ${d.meta.year})`,
      )
      answer.lines = [
        `ia-cinema répond à vos questions à partir de ${documents.join(', ')}.`,
        'L’article fait le point sur l’IA dans le cinéma et l’audiovisuel français : gains de productivité en post-production, tensions sociales, nouveaux métiers et formations, métiers menacés, qui évoluent ou qui résistent, droits, Oscars et régulation européenne.',
        'Chaque réponse cite le passage exact et renvoie à la source. Les réponses ne sont visibles que par vous ; « Partager dans le canal » les rend publiques.',
      ]
      answer.jobMap = jobMap(engine)
      answer.examples = [
        'monteur',
        'Quels métiers sont menacés par l’IA ?',
        'citation',
        'metiers',
        'parcours',
        'sources',
        'aide',
      ]
      const quote = citationCommand.run('', contextFor({ platform: 'console' }))
      answer.items = quote.items
      return answer
    },
  }
}

/** Completions for partly typed text: commands, jobs, then the article's frequent words. */
function suggest(engine: SearchEngine, partial: string): Suggestion[] {
  const text = partial.replace(/\s+/g, ' ').trimStart().slice(0, 200)
  const lastSpace = text.lastIndexOf(' ')
  const head = lastSpace >= 0 ? text.slice(0, lastSpace + 1) : ''
  const prefix = fold(text.slice(lastSpace + 1))
  const out = new Map<string, Suggestion>()
  const add = (value: string, name: string = value) => {
    const full = `${head}${value}`.slice(0, MAX_CHOICE_LENGTH)
    if (!full.trim() || out.has(full) || out.size >= MAX_SUGGESTIONS) return
    out.set(full, { name: `${head}${name}`.slice(0, MAX_CHOICE_LENGTH), value: full })
  }
  const matches = (word: string) => prefix === '' || fold(word).startsWith(prefix)

  if (head === '') {
    for (const command of COMMANDS)
      if (command.name !== 'recherche' && matches(command.name))
        add(command.name, `${command.name} — ${command.description.fr}`)
  }
  for (const entry of jobMap(engine)) {
    for (const job of entry.jobs) {
      if (matches(job)) add(job, `${job} — ${EXPOSURE_LABELS[entry.exposure].fr.toLowerCase()}`)
    }
  }
  if (prefix.length > 0) {
    const words = [...engine.surfaceWords()]
      .filter(([folded]) => folded.startsWith(prefix))
      .sort((a, b) => b[1].count - a[1].count || a[1].surface.localeCompare(b[1].surface))
    for (const [, { surface }] of words) add(surface)
  }
  return [...out.values()]
}
