/** Why an import was refused; each kind is a stable code the CLI and the tests can tell apart. */
export type ImportRefusalCode =
  | 'IMPORT_UNSUPPORTED'
  | 'IMPORT_TOO_LARGE'
  | 'IMPORT_UNREACHABLE'
  | 'IMPORT_NO_TEXT'
  | 'IMPORT_NO_METADATA'
  | 'IMPORT_DUPLICATE'
  | 'IMPORT_INVALID'
  | 'IMPORT_WRITE_FAILED'

/** A source that cannot become a corpus document. The message is one line, for an operator. */
export class ImportError extends Error {
  constructor(
    readonly code: ImportRefusalCode,
    message: string,
  ) {
    super(message)
    this.name = 'ImportError'
  }
}
