/** Errors the Slack adapter raises itself; `code` is stable so callers and logs can match on it. */

export class SlackConfigError extends Error {
  readonly code = 'SLACK_CONFIG_INVALID'
  override readonly name = 'SlackConfigError'
}

export class SlackStartError extends Error {
  readonly code = 'SLACK_START_FAILED'
  override readonly name = 'SlackStartError'
}
