import type { Answer } from '../../../answers/answer.js'
import { renderAnswer } from './answer.js'
import { type KnownBlock, LIMITS, size } from './blocks.js'
import { renderNotice } from './share.js'

/** App Home: the onboarding content, optionally preceded by what a click in the Home led to. */
export function renderHome(onboarding: Answer, lead?: Answer | string): KnownBlock[] {
  const first =
    lead === undefined
      ? []
      : typeof lead === 'string'
        ? renderNotice(lead).blocks
        : renderAnswer(lead, {
            maxBlocks: LIMITS.messageBlocks,
            maxChars: LIMITS.messageChars,
            idPrefix: 'l',
          }).blocks
  const separator: KnownBlock[] = first.length > 0 ? [{ type: 'divider' }] : []
  const used = first.reduce((sum, b) => sum + size(b), 0)
  const rest = renderAnswer(onboarding, {
    maxBlocks: LIMITS.homeBlocks - first.length - separator.length,
    maxChars: LIMITS.homeChars - used,
    idPrefix: 'h',
  }).blocks
  return [...first, ...separator, ...rest]
}
