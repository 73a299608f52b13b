import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/**
 * Words of the field the bot serves, and words of no field at all, written by hand (lexicon/README.md).
 * A word the article never uses says something different depending on which it is: « épisodes » or
 * « financement » are film and TV people talking about their trade (the article may speak of it in other
 * words), « dizaine » or « moment » carry no topic, « meuble » or « ratatouille » are another subject.
 */
export interface DomainWords {
  /** Film and TV making, its jobs, business, law, work and employment, AI and technology. */
  domain: readonly string[]
  /** Common nouns with no topic of their own: quantities, time, discourse, evaluation, people. */
  generic: readonly string[]
}

export const DOMAIN_WORDS_FILE = fileURLToPath(new URL('../../lexicon/domain-words.fr.txt', import.meta.url))

export class DomainWordsError extends Error {
  readonly code = 'DOMAIN_WORDS_UNAVAILABLE'
  constructor(file: string, reason: string) {
    super(`${file}: ${reason}`)
    this.name = 'DomainWordsError'
  }
}

let loaded: DomainWords | undefined

/** The committed lists, read once per process. */
export function loadDomainWords(): DomainWords {
  loaded ??= readDomainWords(DOMAIN_WORDS_FILE)
  return loaded
}

/**
 * One entry a line; `[domain]` and `[generic]` open the two lists; `#` starts a comment (the categories);
 * blank lines are ignored.
 */
export function readDomainWords(file: string): DomainWords {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new DomainWordsError(file, `unreadable (${(error as NodeJS.ErrnoException).code ?? error})`)
  }
  const lists: Record<'domain' | 'generic', string[]> = { domain: [], generic: [] }
  let current: string[] | undefined
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/#.*$/, '').trim()
    if (line === '') return
    const section = /^\[(domain|generic)\]$/.exec(line)
    if (section) {
      current = lists[section[1] as 'domain' | 'generic']
      return
    }
    if (!current) throw new DomainWordsError(file, `line ${index + 1}: a word before [domain] or [generic]`)
    current.push(line)
  })
  return lists
}
