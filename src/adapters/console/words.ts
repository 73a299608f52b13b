/** The console's words for what Slack and Discord do with buttons, and how it tells people about them. */
import { encodeAction } from '../../answers/actions.js'
import type { Answer, Guidance } from '../../answers/answer.js'
import { fold } from '../../text/normalize.js'

export const EXIT_WORDS = new Set(['quitter', 'quit', 'exit', 'bye', 'au revoir'])

/** How to ask and how to go on, in the console's terms (the core says which: `Answer.guidance`). */
export const GUIDANCE: Record<Guidance, string> = {
  'how-to-ask':
    'Tapez un métier, un thème, une question ou une de ces commandes. Après une réponse : « plus » pour la suite, « partager 1 » pour citer le passage 1 avec sa source, « lien 1 » pour son adresse, « carte 1 » pour l’image d’une citation, « suivant » dans le parcours, « quitter » pour sortir.',
  'how-to-continue': 'Tapez « suivant » pour avancer, « recommencer » pour revenir au début.',
}

/** What a typed line means in the light of the last answer, when it is one of the console's words. */
export type Word =
  | { kind: 'act'; actionId: string }
  | { kind: 'link'; number: number }
  | { kind: 'say'; message: string }

const NO_TOUR = 'Pas de parcours en cours : tapez « parcours » pour le commencer.'
const NO_CARD = 'Pas de carte pour ce résultat : seules les citations en ont une.'

export function wordFor(text: string, last: Answer | undefined): Word | undefined {
  const word = fold(text)
  const actions = last?.actions ?? []
  const numbered = /^(partager|lien|carte)\s+(\d{1,3})$/.exec(word)
  if (numbered) {
    const number = Number(numbered[2])
    const item = last?.items[number - 1]
    if (!item) return { kind: 'say', message: `Pas de passage n° ${number} dans la dernière réponse.` }
    if (numbered[1] === 'lien') return { kind: 'link', number }
    if (numbered[1] === 'carte') {
      const card = actions.find((a) => a.kind === 'card' && a.itemId === item.id)
      return card ? { kind: 'act', actionId: card.id } : { kind: 'say', message: NO_CARD }
    }
    const share = actions.find((a) => a.kind === 'share' && a.itemId === item.id)
    return share
      ? { kind: 'act', actionId: share.id }
      : { kind: 'say', message: `Le passage n° ${number} ne se partage pas.` }
  }
  // "carte" alone: the first quote's card, when the last answer shows one.
  if (word === 'carte' && last && last.items.length > 0) {
    const card = actions.find((a) => a.kind === 'card')
    return card ? { kind: 'act', actionId: card.id } : { kind: 'say', message: NO_CARD }
  }
  if (word === 'plus') {
    const more = actions.find((a) => a.kind === 'more')
    return more
      ? { kind: 'act', actionId: more.id }
      : { kind: 'say', message: 'Rien de plus à montrer : posez une autre question.' }
  }
  const tour = last?.kind === 'tour'
  if (word === 'suivant') {
    const next = actions.find((a) => a.kind === 'next')
    return next ? { kind: 'act', actionId: next.id } : { kind: 'say', message: NO_TOUR }
  }
  // Back to the first step, whichever step is shown (the last step's button says it; the others do not).
  if (word === 'recommencer')
    return tour
      ? { kind: 'act', actionId: encodeAction({ kind: 'next', step: 0 }) }
      : { kind: 'say', message: NO_TOUR }
  // Without a quote button, "citation" is the command (a random quote).
  if (word === 'citation' || word === 'autre citation') {
    const quote = actions.find((a) => a.kind === 'quote')
    return quote ? { kind: 'act', actionId: quote.id } : undefined
  }
  return undefined
}

/** The line under an answer that says which words press its buttons. */
export function actionHints(answer: Answer): string {
  const hints: string[] = []
  const shares = answer.actions.filter((a) => a.kind === 'share').length
  if (shares > 0) hints.push(shares === 1 ? '« partager 1 »' : `« partager 1 » à « partager ${shares} »`)
  const cards = answer.actions
    .filter((a) => a.kind === 'card')
    .map((a) => answer.items.findIndex((item) => item.id === a.itemId) + 1)
    .filter((n) => n > 0)
  if (cards.length > 0)
    hints.push(`${cards.map((n) => `« carte ${n} »`).join(', ')} pour une image de la citation`)
  if (answer.actions.some((a) => a.kind === 'more')) hints.push('« plus » pour la suite')
  const next = answer.actions.find((a) => a.kind === 'next')
  if (next) hints.push(`« ${fold(next.label)} »`)
  if (answer.actions.some((a) => a.kind === 'quote')) hints.push('« citation » sur le même thème')
  return hints.length > 0 ? `→ ${hints.join(' · ')}` : ''
}
