import { closeSync, fstatSync, openSync, readSync, renameSync } from 'node:fs'

/**
 * What becomes of the database file under a running store. SQLite keeps writing through its open handle
 * whatever happens to the path: a file deleted or replaced takes the rows with it, and a file truncated or
 * overwritten in place goes on "working" from the WAL until a checkpoint writes pages into what is left
 * (a corrupt file). Both are checked before each batch, for the price of one stat and one 100-byte read.
 */

const HEADER = Buffer.from('SQLite format 3\0', 'latin1')

export type FileState =
  | { kind: 'same' }
  /** No file at the path, or another file (another inode) than the one opened. */
  | { kind: 'gone' }
  /** The same file, but no longer a whole SQLite database: truncated, or overwritten in place. */
  | { kind: 'damaged'; detail: string }

/** The file as opened: device and inode. */
export function identityOf(file: string): string {
  const fd = tryOpen(file)
  if (fd === undefined) return 'missing'
  try {
    const stats = fstatSync(fd)
    return `${stats.dev}:${stats.ino}`
  } finally {
    closeSync(fd)
  }
}

export function checkFile(file: string, identity: string): FileState {
  const fd = tryOpen(file)
  if (fd === undefined) return { kind: 'gone' }
  try {
    const stats = fstatSync(fd)
    if (`${stats.dev}:${stats.ino}` !== identity) return { kind: 'gone' }
    return damage(fd, stats.size)
  } finally {
    closeSync(fd)
  }
}

/** Whether the file at `file` (any inode) is damaged; false when it is missing or sound. */
export function isDamaged(file: string): boolean {
  const fd = tryOpen(file)
  if (fd === undefined) return false
  try {
    return damage(fd, fstatSync(fd).size).kind === 'damaged'
  } finally {
    closeSync(fd)
  }
}

/**
 * Moves a damaged file (and its -wal and -shm) out of the way, to `<file>.damaged-<time>`, so that the store
 * starts a new one as it does for a deleted file. The old handle must be closed after this, not before: on
 * close SQLite checkpoints the WAL into the file it has open, which is then the moved one.
 */
export function setAside(file: string, now = new Date()): string {
  const target = `${file}.damaged-${now.toISOString().replace(/[:.]/g, '-')}`
  renameSync(file, target)
  for (const suffix of ['-wal', '-shm']) {
    try {
      renameSync(`${file}${suffix}`, `${target}${suffix}`)
    } catch {
      // absent: nothing to move
    }
  }
  return target
}

function damage(fd: number, size: number): FileState {
  const header = Buffer.alloc(100)
  const read = size > 0 ? readSync(fd, header, 0, 100, 0) : 0
  if (read < 100 || !header.subarray(0, HEADER.length).equals(HEADER))
    return { kind: 'damaged', detail: size === 0 ? 'empty' : 'not a SQLite header' }
  // Page size: two bytes at offset 16, 1 meaning 65536. A database is a whole number of pages.
  const raw = header.readUInt16BE(16)
  const pageSize = raw === 1 ? 65_536 : raw
  if (pageSize < 512 || size % pageSize !== 0)
    return { kind: 'damaged', detail: `size ${size} is not a whole number of pages` }
  return { kind: 'same' }
}

function tryOpen(file: string): number | undefined {
  try {
    return openSync(file, 'r')
  } catch {
    return undefined
  }
}
