/**
 * HTML built only through the `html` template: every value put in it is escaped unless it is itself `Html`
 * made by the template. Questions, passages and file names come from users and files: none can become markup.
 */

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value
  }
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string)
}

function render(value: unknown): string {
  if (value instanceof Html) return value.value
  if (value === undefined || value === null || value === false) return ''
  if (Array.isArray(value)) return value.map(render).join('')
  return escapeHtml(String(value))
}

/** Markup with every interpolated value escaped (arrays joined, nullish and false left out). */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0] ?? ''
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '')
  })
  return new Html(out)
}

/** A link inside the desk, its query string encoded. */
export function deskHref(path: string, query: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, value)
  const search = params.toString()
  return `/desk${path}${search ? `?${search}` : ''}`
}

/** An id for an HTML anchor from a record id (`doc#p12` → `r-p12`). */
export function recordAnchor(recordId: string): string {
  return `r-${recordId.split('#').at(-1) ?? recordId}`
}

/** Cut to `max` characters at a word boundary, with an ellipsis. */
export function shorten(text: string, max: number): string {
  const oneLine = text.replace(/\s+/g, ' ').trim()
  const chars = Array.from(oneLine)
  if (chars.length <= max) return oneLine
  const cut = chars.slice(0, max - 1).join('')
  const space = cut.lastIndexOf(' ')
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`
}
