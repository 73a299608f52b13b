import { accessSync, constants, mkdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { StorageError } from './errors.js'

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error))
}

function unusable(reason: string, cause?: unknown): StorageError {
  return new StorageError('STORAGE_DIR_UNUSABLE', reason, { cause })
}

/**
 * Makes sure `dataDir` is a folder this process can write in, creating it and its missing parents one at a
 * time. Not `mkdirSync(…, { recursive: true })`: under /proc it loops forever on some Node versions, and its
 * errors do not say which part of the path is wrong. Several processes may create the same folder at once.
 */
export function prepareDataDir(dataDir: string): void {
  const missing: string[] = []
  let current = path.resolve(dataDir)
  for (;;) {
    let isFolder: boolean
    try {
      isFolder = statSync(current).isDirectory()
    } catch (error) {
      const code = codeOf(error)
      const parent = path.dirname(current)
      // ENOTDIR: a part above is a file; walking up finds and names it.
      if ((code === 'ENOENT' || code === 'ENOTDIR') && parent !== current) {
        missing.unshift(current)
        current = parent
        continue
      }
      throw unusable(`${current} cannot be read (${code})`, error)
    }
    if (!isFolder) throw unusable(`${current} is not a folder`)
    break
  }
  for (const folder of missing) {
    try {
      mkdirSync(folder)
    } catch (error) {
      if (codeOf(error) === 'EEXIST' && statSync(folder, { throwIfNoEntry: false })?.isDirectory()) continue
      throw unusable(`${folder} cannot be created (${codeOf(error)})`, error)
    }
  }
  try {
    accessSync(dataDir, constants.W_OK)
  } catch (error) {
    throw unusable(`${dataDir} is not writable (${codeOf(error)})`, error)
  }
}
