import { COMMANDS } from '../../commands/index.js'
import { EXPOSURE_LABELS } from '../answers/answer.js'
import { jobMap } from '../answers/items.js'
import type { SearchEngine } from '../search/engine.js'
import { perEngine } from '../search/per-engine.js'
import { fold } from '../text/normalize.js'
import type { Suggestion } from './bot.js'

const MAX_SUGGESTIONS = 25
const MAX_CHOICE_LENGTH = 100

interface Completion {
  folded: string
  value: string
  name: string
}

/**
 * What autocomplete reads on every keystroke, per corpus version: the job names once each, and the corpus
 * words already in the order they are offered (most frequent first), in buckets by their first one and two
 * letters, so that a keystroke scans one small bucket instead of sorting the whole vocabulary.
 */
interface SuggestIndex {
  jobs: Completion[]
  buckets: Map<string, Array<{ folded: string; surface: string }>>
}

const COMMAND_COMPLETIONS: Completion[] = COMMANDS.filter((c) => c.name !== 'recherche').map((c) => ({
  folded: fold(c.name),
  value: c.name,
  name: `${c.name} — ${c.description.fr}`,
}))

/** Builds the autocomplete index of a corpus version ahead of its first keystroke. */
export function prepareSuggestions(engine: SearchEngine): void {
  indexOf(engine)
}

const indexOf: (engine: SearchEngine) => SuggestIndex = perEngine((engine) => buildIndex(engine))

function buildIndex(engine: SearchEngine): SuggestIndex {
  const jobs = new Map<string, Completion>()
  for (const entry of jobMap(engine)) {
    for (const job of entry.jobs) {
      if (jobs.has(job)) continue
      jobs.set(job, {
        folded: fold(job),
        value: job,
        name: `${job} — ${EXPOSURE_LABELS[entry.exposure].fr.toLowerCase()}`,
      })
    }
  }
  const words = [...engine.surfaceWords()]
    .sort((a, b) => b[1].count - a[1].count || a[1].surface.localeCompare(b[1].surface))
    .map(([folded, { surface }]) => ({ folded, surface }))
  const buckets: SuggestIndex['buckets'] = new Map()
  const put = (key: string, word: { folded: string; surface: string }) => {
    const bucket = buckets.get(key)
    if (bucket) bucket.push(word)
    else buckets.set(key, [word])
  }
  for (const word of words) {
    put(word.folded.slice(0, 1), word)
    if (word.folded.length >= 2) put(word.folded.slice(0, 2), word)
  }
  return { jobs: [...jobs.values()], buckets }
}

/** Completions for partly typed text: commands, jobs, then the corpus' frequent words. */
export function suggest(engine: SearchEngine, partial: string): Suggestion[] {
  const index = indexOf(engine)
  const text = partial.replace(/\s+/g, ' ').trimStart().slice(0, 200)
  const lastSpace = text.lastIndexOf(' ')
  const head = lastSpace >= 0 ? text.slice(0, lastSpace + 1) : ''
  const prefix = fold(text.slice(lastSpace + 1))
  const out = new Map<string, Suggestion>()
  const add = (value: string, name: string = value) => {
    const full = `${head}${value}`
    // A value cut short would run another question than the one shown: too long means not offered.
    if (!full.trim() || full.length > MAX_CHOICE_LENGTH || out.has(full) || out.size >= MAX_SUGGESTIONS)
      return
    out.set(full, { name: `${head}${name}`.slice(0, MAX_CHOICE_LENGTH), value: full })
  }
  const matches = (completion: Completion) => prefix === '' || completion.folded.startsWith(prefix)

  if (head === '')
    for (const command of COMMAND_COMPLETIONS) if (matches(command)) add(command.value, command.name)
  for (const job of index.jobs) if (matches(job)) add(job.value, job.name)
  if (prefix.length > 0) {
    for (const { folded, surface } of index.buckets.get(prefix.slice(0, 2)) ?? []) {
      if (out.size >= MAX_SUGGESTIONS) break
      if (prefix.length <= 2 || folded.startsWith(prefix)) add(surface)
    }
  }
  return [...out.values()]
}
