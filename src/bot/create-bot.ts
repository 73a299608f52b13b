import { quoteOn } from '../../commands/citation.js'
import type { CommandContext } from '../../commands/command.js'
import { parseRequest } from '../../commands/index.js'
import { tourStep } from '../../commands/parcours.js'
import { morePage } from '../../commands/search.js'
import { decodeAction } from '../answers/actions.js'
import { type Answer, emptyAnswer } from '../answers/answer.js'
import { toItem } from '../answers/items.js'
import type { Logger } from '../logger.js'
import { MAX_QUERY_CHARS, type SearchEngine } from '../search/engine.js'
import type { Store } from '../storage/store.js'
import { normalizeText } from '../text/normalize.js'
import { RELOAD_WORDS, reloadAnswer } from './admin-reload.js'
import { AnswerCache } from './answer-cache.js'
import type { ActionOutcome, Bot, Requester } from './bot.js'
import { onboardingAnswer } from './onboarding.js'
import { cutQuestion, cutText } from './question-length.js'
import { RateLimiter } from './rate-limiter.js'
import { suggest } from './suggest.js'
import { UsageRecorder } from './usage.js'

export interface BotOptions {
  random?: () => number
  /** Where questions, feedback and usage are recorded (nothing is recorded without one). */
  store?: Store
  /** Salted hash of a platform user id; raw ids are never given to the store. */
  userKey?: (requester: Requester) => string | undefined
  /** Fair use: queries and shares per user in a sliding window. */
  rateLimit?: { max: number; windowMs: number }
  /** "slack:U123", "discord:456": who may reload the corpus from the chat. */
  adminUsers?: string[]
  /** Reloads the corpus; resolves true when the new one serves. */
  reload?: () => Promise<boolean>
  logger?: Logger
  /** The cache of deterministic answers (one is made when absent; tests pass theirs to read its size). */
  answerCache?: AnswerCache
}

/** Before parsing, room for the command word and spacing in front of the part that is read. */
const PARSE_LIMIT = 2 * MAX_QUERY_CHARS

const TOO_FAST =
  'Doucement : vous avez fait beaucoup de demandes en peu de temps. Réessayez dans quelques secondes.'
const FAILED = 'Désolé, une erreur est survenue. Réessayez dans un instant.'

/** The core behind every adapter: parse, run the command, answer. Holds no conversation state. */
export function createBot(getEngine: () => SearchEngine, options: BotOptions = {}): Bot {
  const random = options.random ?? Math.random
  const limiter = options.rateLimit
    ? new RateLimiter(options.rateLimit.max, options.rateLimit.windowMs)
    : undefined
  const admins = new Set(options.adminUsers ?? [])
  const usage = new UsageRecorder(options.store, options.userKey, options.logger)
  const cache = options.answerCache ?? new AnswerCache(getEngine)
  const contextFor = (requester: Requester): CommandContext => ({ engine: getEngine(), requester, random })
  const limited = (requester: Requester) =>
    limiter !== undefined && !limiter.allow(`${requester.platform}:${requester.userId ?? 'anonyme'}`)
  /** A private answer reached from a button, recorded under `command` with its feedback buttons. */
  const privateAnswer = (requester: Requester, command: string, query: string, answer: Answer) =>
    ({
      type: 'answer',
      answer: usage.withFeedback(answer, usage.query(requester, command, query, answer)),
    }) as const

  const failure = (error: unknown): Answer => {
    options.logger?.error({ err: error }, 'the core failed to answer')
    const answer = emptyAnswer('error', 'ia-cinema')
    answer.lines = [FAILED]
    return answer
  }

  const bot: Bot = {
    async ask(text, requester) {
      if (limited(requester)) {
        const answer = emptyAnswer('error', 'Trop de demandes')
        answer.lines = [TOO_FAST]
        return answer
      }
      // Leading spaces are not part of the question: they must not use up what is read of it.
      const typed = typeof text === 'string' ? cutText(text.trimStart(), PARSE_LIMIT) : ''
      const trimmed = typed.trim()
      if (trimmed.length <= 10 && RELOAD_WORDS.has(trimmed.toLowerCase()))
        return reloadAnswer(requester, admins, options.reload, getEngine)
      const parsed = parseRequest(typed)
      const { command } = parsed
      // What the engine reads, and one character more so that it knows the question was cut: nothing past it
      // changes the answer, so nothing past it is kept (not in the cache's key, not in the answer's title).
      const args = cutQuestion(parsed.args)
      if (!command.deterministic(args)) {
        const answer = command.run(args, contextFor(requester))
        return usage.withFeedback(answer, usage.query(requester, command.name, args, answer))
      }
      // Spellings the engine reads alike (spacing, apostrophes, ligatures) share an entry.
      const key = `${command.name}\u0000${normalizeText(args).replace(/\s+/g, ' ')}`
      let queryKey: string | undefined
      const answer = cache.get(key, () => {
        const fresh = command.run(args, contextFor(requester))
        queryKey = usage.query(requester, command.name, args, fresh)
        return usage.withFeedback(fresh, queryKey)
      })
      if (queryKey === undefined) usage.query(requester, command.name, args, answer)
      return answer
    },

    async act(actionId, requester): Promise<ActionOutcome> {
      const action = decodeAction(actionId)
      const context = contextFor(requester)
      if (!action) return { type: 'invalid', message: 'Ce bouton n’est plus valable. Relancez la recherche.' }
      if (action.kind !== 'feedback' && limited(requester)) return { type: 'notice', message: TOO_FAST }
      switch (action.kind) {
        case 'share': {
          const record = context.engine.records.get(action.recordId)
          if (!record) {
            return {
              type: 'invalid',
              message: 'Ce passage n’existe plus (l’article a été mis à jour). Relancez la recherche.',
            }
          }
          const item = toItem(context.engine, record)
          usage.query(requester, 'partage', '', { ...emptyAnswer('results', ''), items: [item] })
          return { type: 'share', item }
        }
        case 'card': {
          const record = context.engine.records.get(action.recordId)
          if (record?.kind !== 'quote') {
            return {
              type: 'invalid',
              message: 'Cette citation n’existe plus (l’article a été mis à jour). Relancez la recherche.',
            }
          }
          const item = toItem(context.engine, record)
          usage.query(requester, 'carte', '', { ...emptyAnswer('quote', ''), items: [item] })
          return { type: 'card', item, corpusVersion: context.engine.corpus.version }
        }
        case 'more':
          return privateAnswer(
            requester,
            'plus',
            action.terms.join(' '),
            morePage(action.terms, action.offset, context),
          )
        case 'quote':
          return privateAnswer(requester, 'citation', action.terms.join(' '), quoteOn(action.terms, context))
        case 'next':
          return privateAnswer(requester, 'parcours', '', tourStep(action.step, context))
        case 'feedback':
          usage.feedback(requester, action.recordId, action.queryKey, action.helpful)
          return {
            type: 'notice',
            message: action.helpful
              ? 'Merci ! Ce retour aide à améliorer les réponses.'
              : 'Merci : ce passage sera signalé aux personnes qui tiennent le corpus.',
          }
      }
    },

    autocomplete(partial) {
      return suggest(getEngine(), typeof partial === 'string' ? partial : '')
    },

    onboarding() {
      return onboardingAnswer(contextFor({ platform: 'console' }))
    },
  }

  // The contract says ask() and act() never throw: a bug becomes a French message, not a dead request.
  return {
    ...bot,
    ask: (text, requester) => bot.ask(text, requester).catch(failure),
    act: (actionId, requester) =>
      bot.act(actionId, requester).catch((error: unknown) => {
        failure(error)
        return { type: 'invalid', message: FAILED }
      }),
  }
}
