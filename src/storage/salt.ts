import { randomBytes } from 'node:crypto'
import { chmodSync, linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { StorageError } from './errors.js'

export const SALT_FILE = 'salt'
const MIN_SALT_LENGTH = 16

function checkSalt(salt: string, origin: string): string {
  if (salt.length < MIN_SALT_LENGTH)
    throw new StorageError(
      'STORAGE_SALT_INVALID',
      `${origin} must hold at least ${MIN_SALT_LENGTH} characters (got ${salt.length})`,
    )
  return salt
}

function readSalt(file: string): string | undefined {
  try {
    return checkSalt(readFileSync(file, 'utf8').trim(), file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
}

export function newSalt(): string {
  return randomBytes(32).toString('hex')
}

export function checkGivenSalt(salt: string): string {
  return checkSalt(salt.trim(), 'DATA_SALT')
}

/**
 * The salt given, or the one kept in `<dataDir>/salt`, or a new one written there (0600). Never
 * regenerated once written: a new salt would split every user's history in two.
 */
export function resolveSalt(dataDir: string, given?: string): string {
  if (given !== undefined) return checkGivenSalt(given)
  const file = path.join(dataDir, SALT_FILE)
  return readSalt(file) ?? writeSaltOnce(file, newSalt())
}

/**
 * Puts the salt in use back in `<dataDir>/salt` when the file went missing while the bot ran (the folder
 * deleted): the next start then hashes users as this one did.
 */
export function restoreSaltFile(dataDir: string, salt: string): void {
  const file = path.join(dataDir, SALT_FILE)
  if (readSalt(file) === undefined) writeSaltOnce(file, salt)
}

/**
 * Two processes starting together agree: the file appears whole and only once (written elsewhere, then
 * hard-linked into place); the loser reads the winner's salt.
 */
function writeSaltOnce(file: string, salt: string): string {
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  writeFileSync(draft, `${salt}\n`, { mode: 0o600, flag: 'wx' })
  try {
    chmodSync(draft, 0o600)
    linkSync(draft, file)
    return salt
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    const winner = readSalt(file)
    if (winner === undefined) throw error
    return winner
  } finally {
    unlinkSync(draft)
  }
}
