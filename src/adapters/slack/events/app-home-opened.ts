import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt'
import { publishHome, type SlackDeps } from '../reply.js'

/**
 * Opening the Home tab publishes the onboarding view. Retries are not skipped here: publishing the same view
 * twice is harmless, and it repairs a first attempt that failed.
 */
export function appHomeOpened(deps: SlackDeps) {
  return async ({ event, client }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs) => {
    if (event.tab !== undefined && event.tab !== 'home') return
    await publishHome(deps, client, event.user)
  }
}
