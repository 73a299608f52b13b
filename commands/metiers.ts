import { type Exposure, emptyAnswer, type JobEntry } from '../src/answers/answer.js'
import { exposureNamed, jobMap } from '../src/answers/items.js'
import type { SearchEngine } from '../src/search/engine.js'
import { perEngine } from '../src/search/per-engine.js'
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
    const entries = groupsOf(context.engine)[filter ?? 'all']
    const answer = emptyAnswer('jobs', filter ? GROUP_TITLES[filter] : 'La carte des métiers')
    answer.lines = [
      'Selon l’article, l’IA menace surtout les postes juniors et techniques, transforme d’autres métiers et en laisse certains à l’humain.',
    ]
    answer.jobMap = entries
    answer.examples = entries.slice(0, 3).map((e) => e.jobs[0] ?? e.name)
    return answer
  },
  prepare(engine) {
    groupsOf(engine)
  },
}

/** The job map in the order shown, whole and by classification: per corpus version, not per call. */
const groupsOf = perEngine((engine: SearchEngine): Record<Exposure | 'all', JobEntry[]> => {
  const map = jobMap(engine)
  const of = (exposure: Exposure) => map.filter((entry) => entry.exposure === exposure)
  const groups = { menacé: of('menacé'), évolue: of('évolue'), résiste: of('résiste') }
  return { ...groups, all: ORDER.flatMap((exposure) => groups[exposure]) }
})
