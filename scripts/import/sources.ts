/** What the import scripts share: where they write, and the Debian packages they read. */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

export const LEXICON_DIR = fileURLToPath(new URL('../../lexicon', import.meta.url))
export const CORPUS_DIR = fileURLToPath(new URL('../../corpus', import.meta.url))

/** The installed version of a Debian package ("1:7.5.0-1"), recorded in what it generates. */
export function packageVersion(name: string): string {
  try {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query field, not a template
    return execFileSync('dpkg-query', ['-W', '-f', '${Version}', name], { encoding: 'utf8' }).trim()
  } catch {
    throw new Error(`${name} is not installed: apt-get update && apt-get install -y ${name}`)
  }
}

/** A file a Debian package ships, or a one-line hint to install it. */
export function requireFile(file: string, packageName: string): string {
  if (!existsSync(file)) {
    throw new Error(`${file} not found: apt-get update && apt-get install -y ${packageName}`)
  }
  return file
}

/** Today's date for the `generated` field (UTC, YYYY-MM-DD). */
export function today(): string {
  return new Date().toISOString().slice(0, 10)
}
