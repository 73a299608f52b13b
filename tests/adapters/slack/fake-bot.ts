/**
 * A small Bot for adapter tests: predictable answers, plus knobs for the failure modes the real bot never shows
 * on purpose (slowness, exceptions, huge answers).
 */

import { decodeAction, encodeAction } from '../../../src/answers/actions.js'
import { type Answer, type AnswerItem, emptyAnswer } from '../../../src/answers/answer.js'
import type { ActionOutcome, Bot, Requester, Suggestion } from '../../../src/bot/bot.js'

export const SOURCE = {
  documentId: 'ia-emploi-cinema-audiovisuel',
  title: 'IA & emploi dans le cinéma et l’audiovisuel',
  url: 'https://www.killthetape.com/site/infos/blog/ia-emploi',
  publisher: 'KILL THE TAPE',
  year: 2025,
}

export function passage(
  id: string,
  text: string,
  matched: string[] = [],
  extra: Partial<AnswerItem> = {},
): AnswerItem {
  const pattern = matched.length > 0 ? new RegExp(`(${matched.join('|')})`, 'gi') : undefined
  const parts = pattern ? text.split(pattern).filter((p) => p !== '') : [text]
  return {
    id,
    kind: 'passage',
    text,
    segments: parts.map((part) => ({
      text: part,
      match: matched.some((m) => m.toLowerCase() === part.toLowerCase()),
    })),
    section: ['Les métiers menacés', 'Les monteurs vidéo (juniors)'],
    source: SOURCE,
    link: `${SOURCE.url}#:~:text=${encodeURIComponent(Array.from(text).slice(0, 20).join(''))}`,
    ...extra,
  }
}

export const MONTAGE = passage(
  'ia-emploi-cinema-audiovisuel#p7',
  'Les logiciels d’IA automatisent le montage de base (synchronisation, dérushage), ce qui réduit la demande de monteurs juniors.',
  ['montage'],
  { job: { name: 'Les monteurs vidéo (juniors)', exposure: 'menacé' } },
)

export function resultsFor(text: string, items: AnswerItem[] = [MONTAGE]): Answer {
  const answer = emptyAnswer('results', text)
  answer.query = text
  answer.items = items
  answer.jobs = [
    { name: 'Les monteurs vidéo (juniors)', exposure: 'menacé', jobs: ['monteur'], summary: 'Premier visé.' },
  ]
  answer.actions = [
    ...items.map((item) => ({
      kind: 'share' as const,
      label: 'Partager',
      id: encodeAction({ kind: 'share', recordId: item.id }),
      itemId: item.id,
    })),
    {
      kind: 'more',
      label: 'Plus de résultats',
      id: encodeAction({ kind: 'more', offset: 3, terms: [text] }),
    },
  ]
  return answer
}

export function helpAnswer(): Answer {
  const answer = emptyAnswer('help', 'Aide — /ia-cinema')
  answer.lines = ['Posez une question sur l’IA et l’emploi dans le cinéma.']
  answer.examples = ['/ia-cinema monteur', '/ia-cinema citation']
  return answer
}

export class FakeBot implements Bot {
  readonly asked: Array<{ text: string; requester: Requester }> = []
  readonly acted: Array<{ id: string; requester: Requester }> = []
  /** Delay before ask() resolves. */
  delayMs = 0
  /** When set, ask() and act() throw this. */
  failWith: Error | undefined
  /** When set, ask() returns this answer whatever the text. */
  fixed: Answer | undefined

  async ask(text: string, requester: Requester): Promise<Answer> {
    this.asked.push({ text, requester })
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs))
    if (this.failWith) throw this.failWith
    if (this.fixed) return this.fixed
    const trimmed = text.trim()
    if (trimmed === '' || trimmed === 'aide') return helpAnswer()
    return resultsFor(trimmed)
  }

  async act(id: string, requester: Requester): Promise<ActionOutcome> {
    this.acted.push({ id, requester })
    if (this.failWith) throw this.failWith
    const action = decodeAction(id)
    if (!action) return { type: 'invalid', message: 'Ce bouton n’est plus valable.' }
    switch (action.kind) {
      case 'share':
        return {
          type: 'share',
          item: action.recordId === MONTAGE.id ? MONTAGE : passage(action.recordId, '<!channel> texte'),
        }
      case 'feedback':
        return { type: 'notice', message: 'Merci pour votre avis.' }
      default:
        return { type: 'answer', answer: resultsFor(`suite ${action.kind}`) }
    }
  }

  autocomplete(_partial: string): Suggestion[] {
    return []
  }

  onboarding(): Answer {
    const answer = emptyAnswer('tour', 'Bienvenue dans ia-cinema')
    answer.lines = ['Ce bot répond à partir d’un article sur l’IA et l’emploi dans le cinéma.']
    answer.jobMap = [
      {
        name: 'Les monteurs vidéo (juniors)',
        exposure: 'menacé',
        jobs: ['monteur'],
        summary: 'Montage automatisé.',
      },
      {
        name: 'Les scénaristes',
        exposure: 'résiste',
        jobs: ['scénariste'],
        summary: 'La création reste humaine.',
      },
    ]
    answer.examples = ['/ia-cinema monteur']
    answer.actions = [
      { kind: 'next', label: 'Commencer le parcours', id: encodeAction({ kind: 'next', step: 1 }) },
    ]
    return answer
  }
}
