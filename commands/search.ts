import { decodeAction, encodeAction, itemActions } from '../src/answers/actions.js'
import { type Action, type Answer, type AnswerItem, emptyAnswer } from '../src/answers/answer.js'
import { factsOf } from '../src/answers/facts.js'
import { jobMap, jobNames, jobsNamedBy, toItem } from '../src/answers/items.js'
import { MAX_QUERY_WORDS, type SearchEngine, type SearchOutcome } from '../src/search/engine.js'
import type { Command, CommandContext } from './command.js'

export const PAGE_SIZE = 3
/** Unknown words of a question given close corpus words (a lookup each, a few milliseconds at most). */
export const MAX_CLOSE_WORDS = 4

/** The default command: the passages and quotes that answer a question, three at a time. */
export const searchCommand: Command = {
  name: 'recherche',
  aliases: ['search', 'chercher', 'cherche'],
  description: {
    fr: "Les passages de l'article qui répondent à une question ou parlent d'un métier",
    en: 'Passages of the article that answer a question or deal with a job',
  },
  usage: '<question, métier ou thème>',
  deterministic: () => true,
  examples: ['monteur', 'Quels métiers sont menacés par l’IA ?', 'doublage', 'editor jobs'],
  run(args, context) {
    const outcome = context.engine.search(args, { limit: PAGE_SIZE })
    return searchAnswer(args.trim(), outcome, 0, context)
  },
  prepare(engine) {
    factsOf(engine)
  },
}

/** Page `offset` of a search whose state a button carries (the "Plus de résultats" button). */
export function morePage(state: string[], offset: number, context: CommandContext): Answer {
  const outcome = context.engine.searchState(state, { limit: PAGE_SIZE, offset })
  return searchAnswer(undefined, outcome, offset, context)
}

function searchAnswer(
  query: string | undefined,
  outcome: SearchOutcome,
  offset: number,
  context: CommandContext,
): Answer {
  const { engine } = context
  const notices: string[] = []
  if (outcome.truncated)
    notices.push(`Question raccourcie : seuls les ${MAX_QUERY_WORDS} premiers mots utiles ont été lus.`)
  for (const c of outcome.corrections) notices.push(`« ${c.from} » lu comme « ${c.to} ».`)

  if (outcome.hits.length === 0) {
    const answer = emptyAnswer('empty', query ? `Rien trouvé pour « ${query} »` : 'Plus de résultat')
    answer.query = query
    answer.lines = [
      offset > 0
        ? 'Il n’y a pas d’autre passage sur ce sujet.'
        : outcome.intent.local
          ? 'Je ne connais que l’article : il ne dit rien de votre tournage, de votre équipe ni de votre planning.'
          : outcome.intent.price
            ? priceRefusal(engine, outcome)
            : 'L’article ne parle pas de cela, ou pas avec ces mots. Essayez un métier, un outil ou un thème.',
    ]
    const close = outcome.unknownWords
      .slice(0, MAX_CLOSE_WORDS)
      .map((w) => engine.closeWords(w))
      .filter((w): w is string => Boolean(w))
    answer.suggestions = [...new Set([...close, ...jobNames(engine)])].slice(0, 12)
    if (notices.length > 0) answer.notice = notices.join(' ')
    return answer
  }

  const first = offset + 1
  const last = offset + outcome.hits.length
  const answer = emptyAnswer(
    'results',
    query ??
      (first === last
        ? `Résultat ${first} sur ${outcome.total}`
        : `Suite des résultats (${first}–${last} sur ${outcome.total})`),
  )
  answer.query = query
  answer.items = outcome.hits.map((hit) => ({
    ...toItem(engine, hit.record, outcome.terms),
    score: round(hit.score),
  }))
  answer.jobs = jobsNamedBy(engine, outcome.terms)
  if (outcome.tier === 'closest') answer.tier = 'closest'
  if (outcome.intent.jobs && offset === 0) answer.jobMap = jobMap(engine)
  const lines: string[] = []
  if (offset === 0) lines.push(...honestLines(outcome, answer.items, engine))
  if (offset === 0 && outcome.total > outcome.hits.length) {
    const verb = outcome.tier === 'closest' ? 's’en approchent' : 'répondent'
    lines.push(`${outcome.total} passages ${verb} ; voici les ${outcome.hits.length} plus proches.`)
  }
  answer.lines = lines
  const actions: Action[] = answer.items.flatMap((item) => itemActions(item, 'primary'))
  const more = encodeAction({ kind: 'more', offset: offset + outcome.hits.length, terms: outcome.state })
  // A question too long for its state to fit in the button would page through another question: no button.
  const decoded = decodeAction(more)
  const termsFit = decoded?.kind === 'more' && decoded.terms.length === outcome.state.length
  if (outcome.total > offset + outcome.hits.length && termsFit) {
    actions.push({ kind: 'more', label: 'Plus de résultats', id: more })
  }
  if (outcome.quotes > 0) {
    actions.push({
      kind: 'quote',
      label: 'Citation',
      id: encodeAction({ kind: 'quote', terms: outcome.state }),
    })
  }
  answer.actions = actions
  if (notices.length > 0) answer.notice = notices.join(' ')
  return answer
}

const round = (x: number) => Math.round(x * 1000) / 1000

/**
 * « combien gagne un monteur ? »: no passage gives the amount asked, but the article does speak of the job:
 * say both, and how to ask for what it says.
 */
function priceRefusal(engine: SearchEngine, outcome: SearchOutcome): string {
  const job = jobsNamedBy(engine, outcome.terms)[0]
  const about = job
    ? ` Sur ${job.name.toLowerCase()}, il dit ce que l’IA change : essayez « ${job.jobs[0]} ».`
    : ''
  return `L’article ne donne pas ce montant.${about}`
}

/**
 * What the answer is, in one line, when it is not plainly the answer: the closest passages when the
 * evidence is partial, or a question that asks about something the article never mentions (« les chefs op
 * font-ils du télétravail ? »). The words said to be in the article are those of the passages shown, as they are
 * written there (« monteurs », never the question's « boulot » the thesaurus led to « travail »).
 */
function honestLines(outcome: SearchOutcome, items: AnswerItem[], engine: SearchEngine): string[] {
  const list = (words: string[]) => words.map((w) => `« ${w} »`).join(', ')
  const shown = wordsShown(
    items,
    (word) => engine.analyzer.terms(word, 'query').join(' ') || word.toLowerCase(),
  )
  const missing = outcome.missingWords.slice(0, 4)
  if (outcome.tier === 'closest') {
    const about = shown.length > 0 ? ` : il parle de ${list(shown)}` : ''
    const not =
      missing.length > 0 ? `, mais pas de ${list(missing)}` : ', sans répondre tout à fait à la question'
    return [`Le plus proche dans l’article${about}${not}.`]
  }
  if (missing.length === 0 || shown.length === 0) return []
  return [
    `L’article parle de ${list(shown)}, mais pas de ${list(missing)} : voici les passages les plus proches.`,
  ]
}

/**
 * The matched words of the passages shown, as written there, one per term (« monteurs » and « montage »
 * are one), in order, at most four; words matched side by side are one (« sound design »).
 */
function wordsShown(items: AnswerItem[], termOf: (word: string) => string): string[] {
  const words: string[] = []
  const seen = new Set<string>()
  for (const item of items) {
    const runs: string[] = []
    item.segments.forEach((segment, i) => {
      const previous = item.segments[i - 1]
      if (
        segment.match &&
        previous &&
        !previous.match &&
        /^\s+$/.test(previous.text) &&
        i >= 2 &&
        item.segments[i - 2]?.match
      )
        runs[runs.length - 1] += `${previous.text}${segment.text}`
      else if (segment.match) runs.push(segment.text)
    })
    for (const run of runs) {
      const word = run.trim()
      const key = termOf(word)
      if (word === '' || seen.has(key)) continue
      seen.add(key)
      words.push(word)
    }
  }
  return words.slice(0, 4)
}
