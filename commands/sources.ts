import { emptyAnswer } from '../src/answers/answer.js'
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
    answer.sources = engine.documents.map((document) => {
      const records = [...engine.records.values()].filter((r) => r.documentId === document.meta.id)
      return {
        source: {
          documentId: document.meta.id,
          title: document.meta.title,
          url: document.meta.url,
          publisher: document.meta.publisher,
          year: document.meta.year,
        },
        language: document.meta.language,
        studies: document.meta.studies,
        passages: records.filter((r) => r.kind === 'passage').length,
        quotes: records.filter((r) => r.kind === 'quote').length,
      }
    })
    answer.lines = [
      'Les réponses citent le texte tel quel, sans le corriger : certaines affirmations de l’article ne sont pas vérifiables.',
    ]
    return answer
  },
}
