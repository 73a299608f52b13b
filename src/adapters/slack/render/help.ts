import { SLASH_COMMAND } from '../../../../commands/command.js'
import type { Answer, Guidance } from '../../../answers/answer.js'
import { escapeAndFit, escapeText, link, truncateRaw } from '../mrkdwn.js'
import { fitLines, type KnownBlock, LIMITS, mrkdwnSection } from './blocks.js'

export function sourceBlocks(answer: Answer): KnownBlock[] {
  return (answer.sources ?? []).slice(0, 5).map((entry) => {
    const { source } = entry
    const lines = [
      `${link(source.url, truncateRaw(source.title || source.url, 300))} — ${escapeAndFit(`${source.publisher}, ${source.year}`, 200)}`,
      escapeText(`${entry.passages} passages, ${entry.quotes} citations`),
      ...entry.studies
        .slice(0, 10)
        .map(
          (s) => `• ${escapeAndFit(`${s.title} (${[s.publisher, s.date].filter(Boolean).join(', ')})`, 300)}`,
        ),
    ]
    return mrkdwnSection(fitLines(lines, LIMITS.sectionText))
  })
}

export function exampleSection(examples: string[]): KnownBlock {
  const lines = examples.slice(0, 20).map((raw) => {
    const example = escapeAndFit(raw, 300)
    // A backtick inside would close the code span early.
    return raw.includes('`') ? `• ${example}` : `• \`${example}\``
  })
  return mrkdwnSection(fitLines(['*Exemples*', ...lines], LIMITS.sectionText))
}

/** How to ask and how to go on, in Slack's terms (the core says which: `Answer.guidance`). */
export const GUIDANCE: Record<Guidance, string> = {
  'how-to-ask': `Tapez /${SLASH_COMMAND.name} suivi de votre demande, ou mentionnez l’app ; en message direct, écrivez-la simplement.`,
  'how-to-continue': 'Cliquez sur « Suivant » pour avancer.',
}
