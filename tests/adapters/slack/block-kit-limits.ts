/**
 * Block Kit limits, checked on whatever JSON the app produced (renderer output or a body the fake Slack
 * received). Returns the list of violations so a failing test says which limit broke where.
 */

type Json = Record<string, unknown>

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)

export function blockKitViolations(blocks: unknown, maxBlocks = 50): string[] {
  const problems: string[] = []
  if (!Array.isArray(blocks)) return ['blocks is not an array']
  if (blocks.length > maxBlocks) problems.push(`${blocks.length} blocks > ${maxBlocks}`)
  if (blocks.length === 0) problems.push('no blocks')
  if (maxBlocks <= 50 && JSON.stringify(blocks).length > 12_000) {
    problems.push(`serialised blocks ${JSON.stringify(blocks).length} > 12000`)
  }
  const actionIds = new Set<string>()
  blocks.forEach((block, i) => {
    if (!isObject(block)) {
      problems.push(`block ${i} is not an object`)
      return
    }
    const where = `block ${i} (${String(block.type)})`
    if (typeof block.block_id === 'string' && block.block_id.length > 255)
      problems.push(`${where}: block_id > 255`)
    const text = block.text
    if (block.type === 'section') {
      if (!isObject(text) || typeof text.text !== 'string') problems.push(`${where}: no text`)
      else if (text.text.length < 1 || text.text.length > 3000)
        problems.push(`${where}: text length ${text.text.length}`)
    }
    if (block.type === 'header') {
      if (!isObject(text) || text.type !== 'plain_text' || typeof text.text !== 'string')
        problems.push(`${where}: bad text`)
      else if (text.text.length < 1 || text.text.length > 150)
        problems.push(`${where}: header length ${text.text.length}`)
    }
    if (block.type === 'context') {
      const elements = Array.isArray(block.elements) ? block.elements : []
      if (elements.length < 1 || elements.length > 10) problems.push(`${where}: ${elements.length} elements`)
      for (const element of elements) {
        if (isObject(element) && typeof element.text === 'string' && element.text.length > 3000) {
          problems.push(`${where}: element text > 3000`)
        }
      }
    }
    if (block.type === 'actions') {
      const elements = Array.isArray(block.elements) ? block.elements : []
      if (elements.length < 1 || elements.length > 25) problems.push(`${where}: ${elements.length} elements`)
      for (const element of elements) {
        if (!isObject(element)) continue
        const label = isObject(element.text) ? element.text.text : undefined
        if (typeof label !== 'string' || label.length < 1 || label.length > 75)
          problems.push(`${where}: button text`)
        if (typeof element.value === 'string' && element.value.length > 2000)
          problems.push(`${where}: value > 2000`)
        const actionId = element.action_id
        if (typeof actionId !== 'string' || actionId.length > 255) problems.push(`${where}: bad action_id`)
        else if (actionIds.has(actionId)) problems.push(`${where}: duplicate action_id ${actionId}`)
        else actionIds.add(actionId)
      }
    }
  })
  return problems
}

/** Keys whose strings Slack never displays (button state, ids): they round-trip to us, unparsed. */
const HIDDEN_KEYS = new Set(['value', 'action_id', 'block_id', 'response_url'])

/** Every displayed string in a JSON value. */
export function allStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.flatMap(allStrings)
  if (isObject(value)) {
    return Object.entries(value)
      .filter(([key]) => !HIDDEN_KEYS.has(key))
      .flatMap(([, v]) => allStrings(v))
  }
  return []
}

/** Strings that would trigger a Slack mention or a live link: `<!channel>`, `<!here>`, `<@U…>`, `<#C…>`. */
export function liveMentions(value: unknown): string[] {
  return allStrings(value).flatMap((s) => s.match(/<[!@#][^>]*>/g) ?? [])
}

/** What a reader sees, roughly: displayed strings with the bold markers removed. */
export function visibleText(value: unknown): string {
  return allStrings(value).join('\n').replace(/\*/g, '')
}
