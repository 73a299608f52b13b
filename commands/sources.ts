import { emptyAnswer, type SourceEntry } from '../src/answers/answer.js'
import { factsOf } from '../src/answers/facts.js'
import type { Command } from './command.js'

/** Where the answers come from: the document(s) and the studies they cite. */
export const sourcesCommand: Command = {
  name: 'sources',
  aliases: ['source', 'references', 'références', 'etudes', 'études'],
  description: {
    fr: 'Le document source et les études qu’il cite',
    en: 'The source document and the studies it cites',
  },
  usage: 'sources',
  deterministic: () => true,
  examples: ['sources'],
  accepts: (args) => args.trim() === '',
  run(_args, context) {
    const { engine } = context
    const answer = emptyAnswer('sources', engine.documents.length > 1 ? 'Les sources' : 'La source')
    const { sources } = factsOf(engine)
    answer.sources = sources
    answer.lines = [
      'Les réponses citent le texte tel quel, sans le corriger : certaines affirmations de l’article ne sont pas vérifiables.',
    ]
    if (sources.length > 1) answer.lines.unshift(documentCount(sources))
    return answer
  },
  prepare(engine) {
    factsOf(engine)
  },
}

/** The whole corpus in one line: platforms show only the first sources of a long list. */
function documentCount(sources: SourceEntry[]): string {
  const passages = sources.reduce((n, s) => n + s.passages, 0)
  const quotes = sources.reduce((n, s) => n + s.quotes, 0)
  return `${sources.length} documents, ${passages} passages et ${quotes} citations en tout.`
}
