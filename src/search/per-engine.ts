import type { SearchEngine } from './engine.js'

/**
 * `compute` once per corpus version: each engine is one corpus version, read-only, so what is derived
 * from it (the job map, the tour, the autocomplete index) is kept with it and dropped with it.
 */
export function perEngine<T>(compute: (engine: SearchEngine) => T): (engine: SearchEngine) => T {
  const byEngine = new WeakMap<SearchEngine, T>()
  return (engine) => {
    if (byEngine.has(engine)) return byEngine.get(engine) as T
    const value = compute(engine)
    byEngine.set(engine, value)
    return value
  }
}
