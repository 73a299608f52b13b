import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The project's folder: the nearest one above `from` that holds package.json. The same from the sources
 * (src/config) and from the compiled bot (dist/src/config), wherever the process was started from.
 */
export function projectRoot(from: string): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir
    if (path.dirname(dir) === dir) return undefined
  }
}

const HERE = path.dirname(fileURLToPath(import.meta.url))

/** This project's folder: what corpus/ and data/ are found in by default. */
export const PROJECT_ROOT = projectRoot(HERE) ?? path.resolve(HERE, '..', '..')
