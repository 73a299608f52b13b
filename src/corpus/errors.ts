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
}
