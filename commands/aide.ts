import { emptyAnswer } from '../src/answers/answer.js'
import { documentsLine } from '../src/answers/documents.js'
import type { Command } from './command.js'

/** Help: what the bot knows and how to ask. Shown for empty text too. */
export const aideCommand: Command = {
  name: 'aide',
  aliases: ['help', 'aidez-moi', 'usage'],
  description: { fr: 'Comment utiliser ia-cinema', en: 'How to use ia-cinema' },
  usage: 'aide',
  deterministic: () => true,
  examples: ['aide'],
  run(_args, context) {
    const answer = emptyAnswer('help', 'ia-cinema : l’IA et les métiers du cinéma')
    answer.lines = [
      `Je réponds à partir de ${documentsLine(context.engine.documents)}, avec les passages de l’article et leur source.`,
      'Demandez un métier, un thème ou une question, ou une de ces commandes :',
      ...helpLines(),
    ]
    // How to type it (the slash command, a mention, a console line) is the adapter's to say.
    answer.guidance = 'how-to-ask'
    answer.examples = [
      'monteur',
      'Quels métiers sont menacés par l’IA ?',
      'doublage',
      'citation miyazaki',
      'metiers',
      'parcours',
      'sources',
    ]
    return answer
  },
}

let helpLines: () => string[] = () => []

/** The registry gives help the list of commands: importing the registry here would be a cycle. */
export function setHelpLines(provider: () => string[]): void {
  helpLines = provider
}
