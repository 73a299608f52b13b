import { type Answer, emptyAnswer } from '../answers/answer.js'
import type { Requester } from '../answers/requester.js'
import type { SearchEngine } from '../search/engine.js'

export const RELOAD_WORDS = new Set(['recharger', 'reload'])

/** `/ia-cinema recharger`: reloads the corpus for the users in ADMIN_USERS, and says how it went. */
export async function reloadAnswer(
  requester: Requester,
  admins: ReadonlySet<string>,
  reload: (() => Promise<boolean>) | undefined,
  getEngine: () => SearchEngine,
): Promise<Answer> {
  const answer = emptyAnswer('error', 'Rechargement du corpus')
  if (!admins.has(`${requester.platform}:${requester.userId ?? ''}`) || !reload) {
    answer.lines = ['Cette commande est réservée aux administrateurs du bot.']
    return answer
  }
  const ok = await reload()
  const version = getEngine().corpus.version
  answer.kind = ok ? 'sources' : 'error'
  answer.lines = [
    ok
      ? `Corpus rechargé : version ${version}, ${getEngine().size} passages et citations.`
      : `Le nouveau corpus est invalide ; l’ancien (version ${version}) continue de répondre. Détail dans les journaux.`,
  ]
  return answer
}
