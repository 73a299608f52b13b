import { COMMANDS } from '../../commands/index.js'
import type { SearchEngine } from '../search/engine.js'
import { prepareSuggestions } from './suggest.js'

const nextTurn = () => new Promise((resolve) => setImmediate(resolve))

/**
 * Computes, before a corpus version serves, what the commands and autocomplete would otherwise compute on
 * their first call (the job map, sources, the tour, the autocomplete index), giving the event loop a turn
 * between each so that requests to the serving version are not held up.
 */
export async function prepareEngine(engine: SearchEngine): Promise<void> {
  for (const command of COMMANDS) {
    if (!command.prepare) continue
    command.prepare(engine)
    await nextTurn()
  }
  prepareSuggestions(engine)
}
