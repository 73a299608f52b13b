import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
export const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx')

/** A fresh folder under the OS temp dir; `cleanup` removes every folder made so far. */
export function tempDirs() {
  const made: string[] = []
  return {
    make(): string {
      const dir = mkdtempSync(path.join(tmpdir(), 'ia-cinema-storage-'))
      made.push(dir)
      return dir
    },
    cleanup(): void {
      for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Deterministic random() for the daily quote: a small LCG, enough to vary the picks. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 2 ** 32
  }
}
