import path from 'node:path'

/** A corpus file that cannot be used. The message is one line: file, field, reason. */
export class CorpusError extends Error {
  readonly code = 'CORPUS_INVALID'
  constructor(
    readonly file: string,
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${file}: ${field}: ${reason}`)
    this.name = 'CorpusError'
  }

  /**
   * The message with the file named relative to the corpus folder (`notes.md: file: …`), as a start-up line
   * beside the folder's name or a public status shows it; about the folder itself, field and reason alone.
   */
  relativeTo(folder: string): string {
    const relative = path.relative(folder, this.file)
    if (relative === '') return `${this.field}: ${this.reason}`
    return `${relative.startsWith('..') ? this.file : relative}: ${this.field}: ${this.reason}`
  }
}
