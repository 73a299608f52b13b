/**
 * The desk's words: French, or English when the browser prefers it (Accept-Language). The article's own text
 * (passages, headings, job names) stays as written.
 */

export type Lang = 'fr' | 'en'

/** The language the browser prefers among French and English (French when it names neither first). */
export function pickLanguage(acceptLanguage: string | undefined): Lang {
  let best: { lang: Lang; q: number } | undefined
  for (const part of (acceptLanguage ?? '').split(',')) {
    const [tag = '', ...params] = part.trim().toLowerCase().split(';')
    const q = Number(
      params
        .find((p) => p.trim().startsWith('q='))
        ?.trim()
        .slice(2) ?? 1,
    )
    const lang = tag.startsWith('fr') ? 'fr' : tag.startsWith('en') ? 'en' : undefined
    if (lang && Number.isFinite(q) && q > 0 && (!best || q > best.q)) best = { lang, q }
  }
  return best?.lang ?? 'fr'
}

const fr = {
  title: 'Pupitre de la rédaction',
  navWeek: 'La semaine',
  navQuestions: 'Questions à traiter',
  navCorpus: 'Le corpus',
  navTry: 'Essayer une question',
  logout: 'Se déconnecter',
  readOnly: 'lecture seule',
  loginTitle: 'Connexion au pupitre',
  loginIntro: 'Le jeton est celui de DESK_TOKEN (ou DESK_READONLY_TOKEN pour consulter seulement).',
  token: 'Jeton',
  login: 'Entrer',
  wrongToken: 'Jeton refusé.',
  tooManyTries: 'Trop d’essais : réessayez dans quelques minutes.',
  sessionEnded: 'Session terminée : entrez le jeton à nouveau.',
  weekTitle: 'Les 7 derniers jours',
  questions: 'questions',
  answered: 'répondu',
  closest: 'le plus proche',
  refused: 'sans réponse',
  helpful: '👍 utile',
  unhelpful: '👎 inutile',
  perDay: 'Questions par jour',
  perCommand: 'Demandes par commande',
  perJob: 'Questions par métier (d’après le premier passage montré)',
  votesPerDay: 'Votes par jour',
  otherSections: 'hors sections métiers',
  closestNotRecorded:
    '« Le plus proche » n’est pas encore enregistré par la base : ces réponses sont comptées dans « répondu ».',
  nothingYet: 'Rien d’enregistré sur cette période.',
  toHandle: (n: number) => `${n} question${n > 1 ? 's' : ''} à traiter`,
  questionsTitle: 'Questions sans réponse ou jugées inutiles',
  questionsIntro:
    'Chaque question est rangée sous la section la plus proche. Si l’article y répond, rattachez-la au passage qui répond : le bot la comprendra dès le rechargement.',
  noQuestions: 'Aucune question à traiter sur les 7 derniers jours.',
  unansweredTag: (n: number) => `sans réponse ×${n}`,
  dislikedTag: (n: number) => `👎 ×${n}`,
  dislikedOn: 'jugé inutile sur',
  nearestPassage: 'Passage le plus proche',
  attachToPassage: 'Rattacher à ce passage',
  attachToSection: 'à toute la section',
  otherPassage: 'Choisir un autre passage',
  answeredNow: 'Répondues depuis (le corpus a changé)',
  askedTimes: (n: number) => `posée ${n} fois`,
  corpusTitle: 'Le corpus',
  documents: 'Documents',
  passages: 'passages',
  quotes: 'citations',
  questionsFile: 'questions rattachées',
  jobMap: 'Carte des métiers',
  passageQuestions: 'Questions rattachées',
  sectionQuestions: 'Questions de la section',
  speaker: 'dit par',
  attachHere: 'Rattacher ici',
  attachingQuestion: 'Question à rattacher :',
  cancel: 'annuler',
  tryTitle: 'Ce que le bot répond',
  tryLabel: 'Question',
  tryButton: 'Demander',
  attached: 'Question rattachée.',
  alreadyThere: 'Cette question y était déjà rattachée.',
  writtenTo: 'Écrit dans',
  outcomeDirect: 'Le bot y répond maintenant.',
  outcomeClosest: 'Le bot répond, avec les passages les plus proches.',
  outcomeRefused: 'Le bot ne répond toujours pas.',
  targetFirst: 'Le passage choisi vient en premier.',
  targetRank: (n: number) => `Le passage choisi vient en position ${n}.`,
  targetMissing: 'Le passage choisi n’est pas parmi les trois premiers.',
  missingWords: (words: string) => `L’article ne dit rien de ${words}.`,
  whyRefused:
    'Aucun passage ne couvre assez la question. Rattachez-la plutôt à la section, ou ajoutez un mot au thésaurus (corpus/thesaurus.yaml).',
  corpusVersion: 'version du corpus',
  forbiddenReader: 'Ce jeton ne permet que la lecture.',
  badRequest: 'Demande invalide.',
  staleForm: 'Formulaire expiré : rechargez la page et recommencez.',
  notFound: 'Page introuvable.',
  failed: 'L’enregistrement a échoué',
  kept: 'Le fichier est resté tel quel ; le bot continue avec le corpus précédent.',
  questionInvalid: 'La question doit avoir au moins 3 caractères, dont une lettre, et au plus 500.',
  recordGone: 'Ce passage n’existe plus : le corpus a changé depuis. Rechargez la page.',
  back: 'Retour',
  storeUnreadable: 'Ce que le bot a enregistré ne peut pas être lu pour l’instant (voir /healthz).',
} as const

export type Words = { [K in keyof typeof fr]: (typeof fr)[K] extends string ? string : (typeof fr)[K] }

const en: Words = {
  title: 'Editor’s desk',
  navWeek: 'This week',
  navQuestions: 'Questions to handle',
  navCorpus: 'The corpus',
  navTry: 'Try a question',
  logout: 'Log out',
  readOnly: 'read only',
  loginTitle: 'Log in to the desk',
  loginIntro: 'The token is DESK_TOKEN (or DESK_READONLY_TOKEN to read only).',
  token: 'Token',
  login: 'Log in',
  wrongToken: 'Token refused.',
  tooManyTries: 'Too many tries: try again in a few minutes.',
  sessionEnded: 'Session ended: enter the token again.',
  weekTitle: 'The last 7 days',
  questions: 'questions',
  answered: 'answered',
  closest: 'closest',
  refused: 'unanswered',
  helpful: '👍 helpful',
  unhelpful: '👎 unhelpful',
  perDay: 'Questions per day',
  perCommand: 'Requests per command',
  perJob: 'Questions per job (from the first passage shown)',
  votesPerDay: 'Votes per day',
  otherSections: 'outside the job sections',
  closestNotRecorded: '“Closest” is not recorded by the database yet: those answers count as “answered”.',
  nothingYet: 'Nothing recorded in this period.',
  toHandle: (n: number) => `${n} question${n > 1 ? 's' : ''} to handle`,
  questionsTitle: 'Unanswered or unhelpful questions',
  questionsIntro:
    'Each question sits under its closest section. If the article answers it, attach it to the passage that does: the bot understands it from the next reload.',
  noQuestions: 'No question to handle in the last 7 days.',
  unansweredTag: (n: number) => `unanswered ×${n}`,
  dislikedTag: (n: number) => `👎 ×${n}`,
  dislikedOn: 'found unhelpful on',
  nearestPassage: 'Closest passage',
  attachToPassage: 'Attach to this passage',
  attachToSection: 'to the whole section',
  otherPassage: 'Choose another passage',
  answeredNow: 'Answered since (the corpus changed)',
  askedTimes: (n: number) => `asked ${n} time${n > 1 ? 's' : ''}`,
  corpusTitle: 'The corpus',
  documents: 'Documents',
  passages: 'passages',
  quotes: 'quotes',
  questionsFile: 'attached questions',
  jobMap: 'Job map',
  passageQuestions: 'Attached questions',
  sectionQuestions: 'Questions of the section',
  speaker: 'said by',
  attachHere: 'Attach here',
  attachingQuestion: 'Question to attach:',
  cancel: 'cancel',
  tryTitle: 'What the bot answers',
  tryLabel: 'Question',
  tryButton: 'Ask',
  attached: 'Question attached.',
  alreadyThere: 'This question was already attached there.',
  writtenTo: 'Written to',
  outcomeDirect: 'The bot answers it now.',
  outcomeClosest: 'The bot answers with the closest passages.',
  outcomeRefused: 'The bot still does not answer.',
  targetFirst: 'The chosen passage comes first.',
  targetRank: (n: number) => `The chosen passage comes in position ${n}.`,
  targetMissing: 'The chosen passage is not among the first three.',
  missingWords: (words: string) => `The article says nothing about ${words}.`,
  whyRefused:
    'No passage covers enough of the question. Attach it to the section instead, or add a word to the thesaurus (corpus/thesaurus.yaml).',
  corpusVersion: 'corpus version',
  forbiddenReader: 'This token can only read.',
  badRequest: 'Invalid request.',
  staleForm: 'This form has expired: reload the page and try again.',
  notFound: 'Page not found.',
  failed: 'Saving failed',
  kept: 'The file was left as it was; the bot goes on with the previous corpus.',
  questionInvalid: 'The question needs 3 to 500 characters, a letter among them.',
  recordGone: 'This passage no longer exists: the corpus changed since. Reload the page.',
  back: 'Back',
  storeUnreadable: 'What the bot recorded cannot be read right now (see /healthz).',
}

export function wordsFor(lang: Lang): Words {
  return lang === 'en' ? en : fr
}
