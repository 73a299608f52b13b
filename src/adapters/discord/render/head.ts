/** The first embed of an answer: title, notice and lines, job badges, the job map, sources, help. */
import type { APIEmbed, APIEmbedField } from 'discord.js'
import { SLASH_COMMAND } from '../../../../commands/command.js'
import {
  type Answer,
  EXPOSURE_LABELS,
  type Exposure,
  type Guidance,
  type JobEntry,
  type SourceEntry,
} from '../../../answers/answer.js'
import { LIMITS } from '../limits.js'
import { codeSpan, truncate, truncateEscaped } from '../markdown.js'
import { badge, KIND_COLORS } from './item.js'
import {
  boldBalanced,
  escapeWithin,
  ITEM_LINE_MAX,
  joinWithin,
  paragraphBreak,
  safeUrl,
  shortLine,
} from './text.js'

const FALLBACK_TITLE = 'IA & cinéma'

const MIN_FIELD_VALUE = 16

/** How to ask and how to go on, in Discord's terms (the core says which: `Answer.guidance`). */
export const GUIDANCE: Record<Guidance, string> = {
  'how-to-ask': `Tapez /${SLASH_COMMAND.name} et votre demande dans l’option « ${SLASH_COMMAND.option.name} », ou mentionnez le bot ; en message privé, écrivez-la simplement.`,
  'how-to-continue': 'Cliquez sur « Suivant » pour avancer.',
}

/** Fields added while the budget (characters of names and values) allows; the rest is left out. */
class FieldList {
  readonly fields: APIEmbedField[] = []
  constructor(private budget: number) {}

  get used(): number {
    return this.fields.reduce((sum, field) => sum + field.name.length + field.value.length, 0)
  }

  /** `name` is plain text (escaped here); `value` is markdown already escaped by the caller. */
  add(name: string, value: string, inline = false): void {
    if (this.fields.length >= LIMITS.embedFields) return
    const left = this.budget - this.used
    const safeName = escapeWithin(shortLine(name), Math.min(LIMITS.fieldName, left - MIN_FIELD_VALUE))
    if (!safeName) return
    const safeValue = truncateEscaped(value.trim(), Math.min(LIMITS.fieldValue, left - safeName.length))
    if (!safeValue || safeValue.length < Math.min(MIN_FIELD_VALUE, value.trim().length)) return
    if (!boldBalanced(safeValue)) return
    this.fields.push({ name: safeName, value: safeValue, inline })
  }
}

function* jobLines(entries: JobEntry[]): Generator<string> {
  for (const entry of entries) {
    const jobs = entry.jobs
      .slice(0, 20)
      .map((job) => shortLine(job))
      .filter(Boolean)
      .join(', ')
    const line = `${shortLine(entry.name)}${jobs ? ` — ${jobs}` : ''}`
    yield `• ${escapeWithin(line, LIMITS.fieldValue)}`
  }
}

function* sourceLines(entry: SourceEntry): Generator<string> {
  const { publisher, year, url } = entry.source
  const link = safeUrl(url)
  yield `${escapeWithin([shortLine(publisher), String(year)].filter(Boolean).join(', '), ITEM_LINE_MAX)}${link ? ` — [lien](${link})` : ''}`
  yield `${entry.passages} passages, ${entry.quotes} citations`
  for (const study of entry.studies) {
    const by = [study.publisher, study.date].filter(Boolean).map((part) => shortLine(part ?? ''))
    yield `• ${escapeWithin(`${shortLine(study.title)}${by.length ? ` (${by.join(', ')})` : ''}`, LIMITS.fieldValue)}`
  }
}

export function headEmbed(answer: Answer, budget: number): APIEmbed {
  const embed: APIEmbed = {
    title: escapeWithin(shortLine(answer.title, LIMITS.embedTitle), LIMITS.embedTitle) || FALLBACK_TITLE,
    color: KIND_COLORS[answer.kind] ?? KIND_COLORS.results,
  }
  let left = budget - (embed.title?.length ?? 0)

  if (answer.step && answer.step.total > 0) {
    embed.footer = {
      text: truncate(`Étape ${answer.step.index + 1} sur ${answer.step.total}`, LIMITS.footer),
    }
    left -= embed.footer.text.length
  }

  const max = Math.min(LIMITS.embedDescription, left)
  const notice = answer.notice?.trim() ? [`*${escapeWithin(answer.notice.trim(), max - 2)}*`] : []
  const guidance = answer.guidance ? [GUIDANCE[answer.guidance]] : []
  const lines = [...answer.lines, ...guidance].map((line) => escapeWithin(line.trim(), max)).filter(Boolean)
  const description = joinWithin([...notice, ...lines], paragraphBreak, max)
  if (description) {
    embed.description = description
    left -= description.length
  }

  const fields = new FieldList(left)
  const valueMax = LIMITS.fieldValue + 1
  for (const job of answer.jobs.slice(0, LIMITS.embedFields)) {
    const label = EXPOSURE_LABELS[job.exposure]
    const summary = job.summary.trim() ? `\n${escapeWithin(job.summary.trim(), valueMax)}` : ''
    fields.add(`${label.emoji} ${shortLine(job.name)}`, `**${label.fr}**${summary}`)
  }
  for (const exposure of Object.keys(EXPOSURE_LABELS) as Exposure[]) {
    const entries = (answer.jobMap ?? []).filter((entry) => entry.exposure === exposure)
    if (entries.length > 0) fields.add(badge(exposure), joinWithin(jobLines(entries), '\n', valueMax))
  }
  for (const entry of (answer.sources ?? []).slice(0, LIMITS.embedFields)) {
    fields.add(entry.source.title, joinWithin(sourceLines(entry), '\n', valueMax))
  }
  const suggestions = answer.suggestions.map((text) => shortLine(text, 100)).filter(Boolean)
  if (suggestions.length > 0) fields.add('Essayez', joinWithin(suggestions.map(codeSpan), ' · ', valueMax))
  const examples = answer.examples.map((text) => shortLine(text, 200)).filter(Boolean)
  if (examples.length > 0) {
    fields.add(
      'Exemples',
      joinWithin(
        examples.map((example) => `• ${codeSpan(example)}`),
        '\n',
        valueMax,
      ),
    )
  }
  if (fields.fields.length > 0) embed.fields = fields.fields
  return embed
}
