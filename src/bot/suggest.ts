import { COMMANDS } from '../../commands/index.js'
import { EXPOSURE_LABELS } from '../answers/answer.js'
import { jobMap } from '../answers/items.js'
import type { SearchEngine } from '../search/engine.js'
import { fold } from '../text/normalize.js'
import type { Suggestion } from './bot.js'

const MAX_SUGGESTIONS = 25
const MAX_CHOICE_LENGTH = 100

/** Completions for partly typed text: commands, jobs, then the article's frequent words. */
export function suggest(engine: SearchEngine, partial: string): Suggestion[] {
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
  const matches = (word: string) => prefix === '' || fold(word).startsWith(prefix)

  if (head === '') {
    for (const command of COMMANDS)
      if (command.name !== 'recherche' && matches(command.name))
        add(command.name, `${command.name} — ${command.description.fr}`)
  }
  for (const entry of jobMap(engine)) {
    for (const job of entry.jobs) {
      if (matches(job)) add(job, `${job} — ${EXPOSURE_LABELS[entry.exposure].fr.toLowerCase()}`)
    }
  }
  if (prefix.length > 0) {
    const words = [...engine.surfaceWords()]
      .filter(([folded]) => folded.startsWith(prefix))
      .sort((a, b) => b[1].count - a[1].count || a[1].surface.localeCompare(b[1].surface))
    for (const [, { surface }] of words) add(surface)
  }
  return [...out.values()]
}
