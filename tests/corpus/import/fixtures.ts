import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The folder of saved pages the import tests read. */
export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures')

export const fixture = (name: string): string => readFileSync(path.join(FIXTURES, name), 'utf8')
