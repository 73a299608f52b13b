/** Errors the Slack adapter raises itself; `code` is stable so callers and logs can match on it. */

export class SlackConfigError extends Error {
  readonly code = 'SLACK_CONFIG_INVALID'
  override readonly name = 'SlackConfigError'
}

export class SlackStartError extends Error {
  readonly code = 'SLACK_START_FAILED'
  override readonly name = 'SlackStartError'

  /**
   * `setting` and `reason`, when the cause is a variable (a token Slack refused, a port already taken):
   * start-up then says that in one line naming it.
   */
  constructor(message: string, options?: { cause?: unknown; setting?: string; reason?: string }) {
    super(message, options)
    this.setting = options?.setting
    this.reason = options?.reason
  }

  readonly setting: string | undefined
  readonly reason: string | undefined
}
