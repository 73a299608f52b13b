import { type Exposure, emptyAnswer } from '../src/answers/answer.js'
import { exposureNamed, jobMap } from '../src/answers/items.js'
import type { Command } from './command.js'

const ORDER: Exposure[] = ['menacé', 'évolue', 'résiste']
const GROUP_TITLES: Record<Exposure, string> = {
  menacé: 'Les métiers menacés',
  évolue: 'Les métiers qui évoluent',
  résiste: 'Les métiers qui résistent',
}

/** The article's job map: which jobs it calls threatened, evolving or resisting. */
export const metiersCommand: Command = {
  name: 'metiers',
  aliases: ['métiers', 'metier', 'métier', 'jobs', 'carte'],
  description: {
    fr: 'La carte des métiers : menacés, qui évoluent, qui résistent',
    en: 'The job map: threatened, evolving, resisting',
  },
  usage: 'metiers [menacés | évoluent | résistent]',
  deterministic: () => true,
  examples: ['metiers', 'metiers menacés'],
  // "métiers menacés" is a filter; "métiers du son" is a question for the search.
  accepts: (args) => args.trim() === '' || exposureNamed(args) !== undefined,
  run(args, context) {
    const filter = args.trim() ? exposureNamed(args) : undefined
    const entries = jobMap(context.engine)
      .filter((entry) => !filter || entry.exposure === filter)
      .sort((a, b) => ORDER.indexOf(a.exposure) - ORDER.indexOf(b.exposure))
    const answer = emptyAnswer('jobs', filter ? GROUP_TITLES[filter] : 'La carte des métiers')
    answer.lines = [
      'Selon l’article, l’IA menace surtout les postes juniors et techniques, transforme d’autres métiers et en laisse certains à l’humain.',
    ]
    answer.jobMap = entries
    answer.examples = entries.slice(0, 3).map((e) => e.jobs[0] ?? e.name)
    return answer
  },
}
