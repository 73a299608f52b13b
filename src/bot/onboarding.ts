import { citationCommand } from '../../commands/citation.js'
import type { CommandContext } from '../../commands/command.js'
import { type Answer, emptyAnswer } from '../answers/answer.js'
import { documentsLine } from '../answers/documents.js'
import { jobMap } from '../answers/items.js'

/** Onboarding content (App Home, welcome): overview lines, the job map, examples and one quote. */
export function onboardingAnswer(context: CommandContext): Answer {
  const { engine } = context
  const answer = emptyAnswer('help', 'Bienvenue dans ia-cinema')
  answer.lines = [
    `ia-cinema répond à vos questions à partir de ${documentsLine(engine.documents)}.`,
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
  answer.items = citationCommand.run('', context).items
  return answer
}
