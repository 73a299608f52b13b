import { encodeAction, itemActions } from '../src/answers/actions.js'
import { type Answer, emptyAnswer } from '../src/answers/answer.js'
import { factsOf } from '../src/answers/facts.js'
import { toItem } from '../src/answers/items.js'
import type { CorpusRecord } from '../src/corpus/types.js'
import type { Command, CommandContext } from './command.js'

/** A quote of the article with its speaker: on a theme, or at random. */
export const citationCommand: Command = {
  name: 'citation',
  aliases: ['citations', 'quote', 'quotes', 'cite'],
  description: {
    fr: 'Une citation de l’article avec son auteur, sur un thème ou au hasard',
    en: 'A quote from the article with its speaker, on a topic or at random',
  },
  usage: 'citation [thème]',
  // Without a theme the quote is drawn at random; with one, it is the best match.
  deterministic: (args) => args.trim() !== '',
  examples: ['citation', 'citation miyazaki', 'citation réalisateur'],
  run(args, context) {
    const theme = args.trim()
    if (!theme) return quoteAnswer(randomQuote(context), [], context, 'Citation au hasard')
    const outcome = context.engine.search(theme, { kind: 'quote', limit: 1 })
    const best = outcome.hits[0]
    if (best) return quoteAnswer(best.record, outcome.terms, context, `Citation : ${theme}`)
    const answer = quoteAnswer(randomQuote(context), [], context, 'Citation au hasard')
    answer.notice = `Aucune citation de l’article sur « ${theme} » ; en voici une autre.`
    return answer
  },
  prepare(engine) {
    factsOf(engine)
  },
}

/** A random quote among those that match a search's state (all quotes when none match): the "Citation" button. */
export function quoteOn(state: string[], context: CommandContext): Answer {
  const { hits, terms } =
    state.length > 0
      ? context.engine.searchState(state, { kind: 'quote', limit: 50 })
      : { hits: [], terms: [] }
  if (hits.length === 0) return quoteAnswer(randomQuote(context), [], context, 'Citation au hasard')
  const pick = hits[Math.floor(context.random() * hits.length)] ?? hits[0]
  return quoteAnswer((pick ?? hits[0])?.record ?? randomQuote(context), terms, context, 'Citation')
}

/** Any quote of any document, each equally likely (a passage if the corpus has no quote at all). */
export function randomQuote(context: CommandContext): CorpusRecord {
  const { quotes } = factsOf(context.engine)
  const all = quotes.length > 0 ? quotes : [...context.engine.records.values()]
  return all[Math.min(all.length - 1, Math.floor(context.random() * all.length))] as CorpusRecord
}

function quoteAnswer(record: CorpusRecord, terms: string[], context: CommandContext, title: string): Answer {
  const answer = emptyAnswer('quote', title)
  const item = toItem(context.engine, record, terms)
  answer.items = [item]
  answer.actions = [
    ...itemActions(item, 'primary'),
    { kind: 'quote', label: 'Autre citation', id: encodeAction({ kind: 'quote', terms }) },
  ]
  return answer
}
