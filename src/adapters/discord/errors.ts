import { DiscordAPIError, DiscordjsError, DiscordjsErrorCodes, RESTJSONErrorCodes } from 'discord.js'

/** The gateway login or the first READY failed; the message says which and why. */
export class DiscordStartError extends Error {
  readonly code = 'DISCORD_START_FAILED'
  /** The variable to blame (a token Discord refused) and why, for start-up's one line. */
  readonly setting: string | undefined
  readonly reason: string | undefined

  constructor(message: string, options?: { cause?: unknown; setting?: string; reason?: string }) {
    super(`discord: ${message}`, options)
    this.name = 'DiscordStartError'
    this.setting = options?.setting
    this.reason = options?.reason
  }
}

/** Discord refused the token itself (401), as opposed to being unreachable or slow. */
export function isTokenRefused(error: unknown): boolean {
  return (
    (error instanceof DiscordjsError && error.code === DiscordjsErrorCodes.TokenInvalid) ||
    (error instanceof DiscordAPIError && error.status === 401)
  )
}

/** Command registration cannot run with this configuration (missing token or application id). */
export class DiscordRegisterError extends Error {
  readonly code = 'DISCORD_REGISTER_CONFIG'
  constructor(message: string) {
    super(`discord:register: ${message}`)
    this.name = 'DiscordRegisterError'
  }
}

/**
 * Errors that mean "someone else already answered, or it is too late to": an interaction answered after
 * 3 s (10062), answered twice, for instance by a second process on the same token (40060), or a reply
 * attempted after one was sent. Nothing more can be sent on that interaction, so these are logged only.
 */
export function isStaleInteractionError(error: unknown): boolean {
  if (error instanceof DiscordAPIError) {
    return (
      error.code === RESTJSONErrorCodes.UnknownInteraction ||
      error.code === RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged
    )
  }
  return error instanceof DiscordjsError && error.code === DiscordjsErrorCodes.InteractionAlreadyReplied
}

/** A small loggable summary; DiscordAPIError carries the HTTP status and Discord's numeric code. */
export function describeError(error: unknown): Record<string, unknown> {
  if (error instanceof DiscordAPIError) {
    return {
      name: error.name,
      code: error.code,
      status: error.status,
      method: error.method,
      message: error.message,
    }
  }
  if (error instanceof Error) {
    return {
      name: error.name,
      code: (error as { code?: unknown }).code,
      message: error.message,
      stack: error.stack,
    }
  }
  return { value: String(error) }
}

/** The application public key is not the 32-byte Ed25519 key (64 hex characters) the portal shows. */
export class DiscordPublicKeyError extends Error {
  readonly code = 'DISCORD_PUBLIC_KEY_INVALID'
  constructor() {
    super('discord: the application public key must be 64 hexadecimal characters')
    this.name = 'DiscordPublicKeyError'
  }
}
