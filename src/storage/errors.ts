export type StorageErrorCode =
  | 'STORAGE_NOT_FOUND'
  | 'STORAGE_DIR_UNUSABLE'
  | 'STORAGE_OPEN_FAILED'
  | 'STORAGE_FILE_GONE'
  | 'STORAGE_SCHEMA_TOO_NEW'
  | 'STORAGE_SALT_INVALID'
  | 'STORAGE_USER_HASH_INVALID'
  | 'STORAGE_OUTCOME_INVALID'
  | 'STORAGE_FILE_DAMAGED'
  | 'STORAGE_UNAVAILABLE'

/** Storage cannot be used as asked. The message is one line, fit for an operator. */
export class StorageError extends Error {
  /** The message without the "storage: " prefix, to follow a variable's name. */
  readonly detail: string

  constructor(
    readonly code: StorageErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`storage: ${message}`, options)
    this.name = 'StorageError'
    this.detail = message
  }
}
