import { CorpusError } from './errors.js'
import { firstIssue, headingAttributesSchema } from './schema.js'
import type { Exposure, Section } from './types.js'

const HEADING = /^(#{1,6})\s+(.*?)\s*(?:\{([^{}]*)\})?\s*$/
const ATTRIBUTE = /([\p{L}_][\p{L}\p{N}_-]*)=(?:"([^"]*)"|(\S+))/gu

/** Splits `---` front matter from the body. */
export function splitFrontMatter(file: string, source: string): { frontMatter: string; body: string } {
  const text = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
  const match = /^---\n([\s\S]*?)\n---\n?/.exec(text)
  if (!match) throw new CorpusError(file, 'front matter', 'missing (the file must start with a --- block)')
  return { frontMatter: match[1] ?? '', body: text.slice(match[0].length) }
}

/** Body → sections of paragraphs. Headings carry optional attributes: {exposure=menacé jobs="monteur"}. */
export function parseSections(file: string, body: string): Section[] {
  const withoutComments = body.replace(/<!--[\s\S]*?-->/g, (comment) => comment.replace(/[^\n]/g, ''))
  const sections: Section[] = []
  const stack: Array<{ level: number; title: string; exposure?: Exposure; jobs: string[] }> = []
  let current: Section = { path: [], jobs: [], paragraphs: [] }
  let paragraph: string[] = []

  const flushParagraph = () => {
    if (paragraph.length > 0) current.paragraphs.push(paragraph.join(' ').trim())
    paragraph = []
  }
  const flushSection = () => {
    flushParagraph()
    if (current.paragraphs.length > 0) sections.push(current)
  }

  const lines = withoutComments.split('\n')
  lines.forEach((line, index) => {
    const heading = HEADING.exec(line)
    if (heading) {
      flushSection()
      const level = (heading[1] as string).length
      const title = (heading[2] as string).trim()
      if (!title) throw new CorpusError(file, `line ${index + 1}`, 'empty heading')
      const attributes = parseAttributes(file, index + 1, heading[3])
      while (stack.length > 0 && (stack.at(-1) as { level: number }).level >= level) stack.pop()
      stack.push({
        level,
        title,
        exposure: attributes.exposure,
        jobs: attributes.jobs
          ? attributes.jobs
              .split(';')
              .map((j) => j.trim())
              .filter(Boolean)
          : [],
      })
      current = {
        path: stack.map((s) => s.title),
        exposure: [...stack].reverse().find((s) => s.exposure)?.exposure,
        jobs: stack.at(-1)?.jobs ?? [],
        paragraphs: [],
      }
    } else if (line.trim() === '') {
      flushParagraph()
    } else {
      paragraph.push(line.trim())
    }
  })
  flushSection()
  if (sections.length === 0) throw new CorpusError(file, 'body', 'no text to search')
  return sections
}

function parseAttributes(file: string, line: number, raw: string | undefined) {
  if (!raw) return {}
  const values: Record<string, string> = {}
  for (const match of raw.matchAll(ATTRIBUTE))
    values[match[1] as string] = (match[2] ?? match[3] ?? '').trim()
  const parsed = headingAttributesSchema.safeParse(values)
  if (!parsed.success) {
    const { field, reason } = firstIssue(parsed.error)
    throw new CorpusError(file, `line ${line} heading attribute "${field}"`, reason)
  }
  return parsed.data
}
