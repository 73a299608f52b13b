export type StorageErrorCode =
  | 'STORAGE_NOT_FOUND'
  | 'STORAGE_OPEN_FAILED'
  | 'STORAGE_SCHEMA_TOO_NEW'
  | 'STORAGE_SALT_INVALID'
  | 'STORAGE_USER_HASH_INVALID'

/** Storage cannot be used as asked. The message is one line, fit for an operator. */
export class StorageError extends Error {
  constructor(
    readonly code: StorageErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`storage: ${message}`, options)
    this.name = 'StorageError'
  }
}
