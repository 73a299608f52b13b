import { citationCommand, quoteOn } from '../../commands/citation.js'
import { COMMANDS, parseRequest } from '../../commands/index.js'
import { tourStep } from '../../commands/parcours.js'
import { morePage } from '../../commands/search.js'
import type { Logger } from '../logger.js'
import type { SearchEngine } from '../search/engine.js'
import { fold } from '../search/normalize.js'
import type { Store } from '../storage/store.js'
import { decodeAction, encodeAction } from './actions.js'
import { type Action, type Answer, EXPOSURE_LABELS, emptyAnswer } from './answer.js'
import type { ActionOutcome, Bot, Requester, Suggestion } from './bot.js'
import type { CommandContext } from './command.js'
import { jobMap, toItem } from './items.js'
import { RateLimiter } from './rate-limiter.js'

const MAX_SUGGESTIONS = 25
const MAX_CHOICE_LENGTH = 100

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
}

const RELOAD_WORDS = new Set(['recharger', 'reload'])

// A cached answer is recorded at every hit: its list of ids is built once.
const resultIds = new WeakMap<Answer, string[]>()
function resultIdsOf(answer: Answer): string[] {
  let ids = resultIds.get(answer)
  if (!ids) {
    ids = answer.items.map((item) => item.id)
    resultIds.set(answer, ids)
  }
  return ids
}
const ANSWER_CACHE_SIZE = 500
const TOO_FAST =
  'Doucement : vous avez fait beaucoup de demandes en peu de temps. Réessayez dans quelques secondes.'

/** The core behind every adapter: parse, run the command, answer. Holds no conversation state. */
export function createBot(getEngine: () => SearchEngine, options: BotOptions = {}): Bot {
  const random = options.random ?? Math.random
  const limiter = options.rateLimit
    ? new RateLimiter(options.rateLimit.max, options.rateLimit.windowMs)
    : undefined
  const admins = new Set(options.adminUsers ?? [])
  const contextFor = (requester: Requester): CommandContext => ({ engine: getEngine(), requester, random })
  const limited = (requester: Requester) =>
    limiter !== undefined && !limiter.allow(`${requester.platform}:${requester.userId ?? 'anonyme'}`)

  /** Recording must never cost the user an answer. */
  const record = (run: () => void) => {
    try {
      run()
    } catch (error) {
      options.logger?.warn({ err: error }, 'could not record usage')
    }
  }

  const recordQuery = (
    requester: Requester,
    command: string,
    query: string,
    answer: Answer,
  ): string | undefined => {
    let key: string | undefined
    record(() => {
      key = options.store?.recordQuery({
        platform: requester.platform,
        userHash: options.userKey?.(requester),
        command,
        query,
        answered: answer.kind !== 'empty',
        resultIds: resultIdsOf(answer),
      })
    })
    return key
  }

  /** 👍 / 👎 under every passage shown, carrying the question's key so the vote is tied to it. */
  const withFeedback = (answer: Answer, queryKey: string | undefined): Answer => {
    if (!options.store || answer.items.length === 0) return answer
    const votes: Action[] = answer.items.flatMap((item) => [
      {
        kind: 'feedback',
        label: '👍',
        id: encodeAction({ kind: 'feedback', helpful: true, recordId: item.id, queryKey }),
        itemId: item.id,
      },
      {
        kind: 'feedback',
        label: '👎',
        id: encodeAction({ kind: 'feedback', helpful: false, recordId: item.id, queryKey }),
        itemId: item.id,
      },
    ])
    return { ...answer, actions: [...answer.actions, ...votes] }
  }

  // Answers to the same text are the same for a given corpus (and the question key the feedback buttons carry
  // derives from the text): popular questions are answered from memory. Cleared when the corpus changes.
  const cache = new Map<string, Answer>()
  let cachedFor: SearchEngine | undefined
  const cached = (key: string, compute: () => Answer): Answer => {
    const engine = getEngine()
    if (engine !== cachedFor) {
      cache.clear()
      cachedFor = engine
    }
    const hit = cache.get(key)
    if (hit) {
      // Least recently used goes first when the cache is full.
      cache.delete(key)
      cache.set(key, hit)
      return hit
    }
    const answer = compute()
    if (cache.size >= ANSWER_CACHE_SIZE) cache.delete(cache.keys().next().value as string)
    cache.set(key, answer)
    return answer
  }

  const reloadAnswer = async (requester: Requester): Promise<Answer> => {
    const answer = emptyAnswer('error', 'Rechargement du corpus')
    if (!admins.has(`${requester.platform}:${requester.userId ?? ''}`) || !options.reload) {
      answer.lines = ['Cette commande est réservée aux administrateurs du bot.']
      return answer
    }
    const ok = await options.reload()
    const version = getEngine().corpus.version
    answer.kind = ok ? 'sources' : 'error'
    answer.lines = [
      ok
        ? `Corpus rechargé : version ${version}, ${getEngine().size} passages et citations.`
        : `Le nouveau corpus est invalide ; l’ancien (version ${version}) continue de répondre. Détail dans les journaux.`,
    ]
    return answer
  }

  const failure = (error: unknown): Answer => {
    options.logger?.error({ err: error }, 'the core failed to answer')
    const answer = emptyAnswer('error', 'ia-cinema')
    answer.lines = ['Désolé, une erreur est survenue. Réessayez dans un instant.']
    return answer
  }

  const bot: Bot = {
    async ask(text, requester) {
      if (limited(requester)) {
        const answer = emptyAnswer('error', 'Trop de demandes')
        answer.lines = [TOO_FAST]
        return answer
      }
      const typed = typeof text === 'string' ? text : ''
      const trimmed = typed.trim()
      if (trimmed.length <= 10 && RELOAD_WORDS.has(trimmed.toLowerCase())) return reloadAnswer(requester)
      const { command, args } = parseRequest(typed)
      const run = () => command.run(args, contextFor(requester))
      if (!command.deterministic(args)) {
        const answer = run()
        return withFeedback(answer, recordQuery(requester, command.name, args, answer))
      }
      const key = `${command.name}\u0000${args.replace(/\s+/g, ' ')}`
      let queryKey: string | undefined
      const answer = cached(key, () => {
        const fresh = run()
        queryKey = recordQuery(requester, command.name, args, fresh)
        return withFeedback(fresh, queryKey)
      })
      if (queryKey === undefined) recordQuery(requester, command.name, args, answer)
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
          recordQuery(requester, 'partage', '', { ...emptyAnswer('results', ''), items: [item] })
          return { type: 'share', item }
        }
        case 'more': {
          const answer = morePage(action.terms, action.offset, context)
          return {
            type: 'answer',
            answer: withFeedback(answer, recordQuery(requester, 'plus', action.terms.join(' '), answer)),
          }
        }
        case 'quote': {
          const answer = quoteOn(action.terms, context)
          return {
            type: 'answer',
            answer: withFeedback(answer, recordQuery(requester, 'citation', action.terms.join(' '), answer)),
          }
        }
        case 'next': {
          const answer = tourStep(action.step, context)
          return {
            type: 'answer',
            answer: withFeedback(answer, recordQuery(requester, 'parcours', '', answer)),
          }
        }
        case 'feedback':
          record(() =>
            options.store?.recordFeedback({
              platform: requester.platform,
              userHash: options.userKey?.(requester),
              recordId: action.recordId,
              ...(action.queryKey ? { queryKey: action.queryKey } : {}),
              helpful: action.helpful,
            }),
          )
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

  // The contract says ask() and act() never throw: a bug becomes a French message, not a dead request.
  return {
    ...bot,
    ask: (text, requester) => bot.ask(text, requester).catch(failure),
    act: (actionId, requester) =>
      bot.act(actionId, requester).catch((error: unknown) => {
        failure(error)
        return { type: 'invalid', message: 'Désolé, une erreur est survenue. Réessayez dans un instant.' }
      }),
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
    const full = `${head}${value}`
    // A value cut short would run another question than the one shown: too long means not offered.
    if (!full.trim() || full.length > MAX_CHOICE_LENGTH || out.has(full) || out.size >= MAX_SUGGESTIONS)
      return
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
