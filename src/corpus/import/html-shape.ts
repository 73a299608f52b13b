/**
 * How deep and how large an HTML text is, read from its tags in one pass, before anything parses it. The
 * parser, Readability and Turndown all cost more than linearly with nesting (5,000 nested <div>, 56 KB, ran
 * over two minutes) and some recurse with it (deeper ran out of stack); no article is nested hundreds of
 * levels deep or made of hundreds of thousands of elements.
 */

/** Nesting no article page reaches (browsers flatten beyond 512); Readability stays fast below it. */
export const MAX_HTML_DEPTH = 256
/** Elements no article page holds (a long report has a few tens of thousands). */
export const MAX_HTML_ELEMENTS = 100_000

/** Elements that never hold others (no closing tag). */
const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
])
/**
 * Elements whose closing tag may be left out (a new <p> or <li> closes the last one): they do not count
 * towards the depth, or a page of unclosed paragraphs would seem thousands of levels deep. Lists still
 * count through their <ul>/<ol>, tables through <table>.
 */
const OPTIONAL_END = new Set([
  'p',
  'li',
  'dt',
  'dd',
  'tr',
  'td',
  'th',
  'thead',
  'tbody',
  'tfoot',
  'option',
  'optgroup',
  'colgroup',
  'caption',
  'rb',
  'rt',
  'rp',
  'rtc',
])

// A comment, a raw-text element with its content (tags inside a script are not tags), or one tag. A tag's
// attributes stop at the next « < »: a tag left open cannot make every later « < » scan to the end (linear).
const TOKEN =
  /<!--[\s\S]*?(?:-->|$)|<(script|style|textarea|title|xmp)\b[^<>]*>[\s\S]*?(?:<\/\1\s*>|$)|<(\/?)([a-zA-Z][\w:-]*)\b[^<>]*>/g

export interface HtmlShape {
  /** Deepest nesting of elements (those with an optional end tag not counted). */
  depth: number
  /** Opening tags. */
  elements: number
}

export function htmlShape(html: string): HtmlShape {
  let depth = 0
  let deepest = 0
  let elements = 0
  TOKEN.lastIndex = 0
  for (let match = TOKEN.exec(html); match !== null; match = TOKEN.exec(html)) {
    if (match[1] !== undefined) {
      elements++
      continue
    }
    const name = match[3]?.toLowerCase()
    if (name === undefined) continue // a comment
    if (match[2] === '/') {
      if (!VOID.has(name) && !OPTIONAL_END.has(name) && depth > 0) depth--
      continue
    }
    elements++
    if (VOID.has(name) || OPTIONAL_END.has(name) || match[0].endsWith('/>')) continue
    depth++
    if (depth > deepest) deepest = depth
  }
  return { depth: deepest, elements }
}

/** Why an HTML text is not read: one line, for an operator. */
export class HtmlShapeError extends Error {
  readonly code = 'HTML_TOO_COMPLEX'
}

/** Throws an HtmlShapeError when the HTML is nested or sized beyond any article. */
export function checkHtmlShape(html: string): void {
  const { depth, elements } = htmlShape(html)
  const n = (x: number) => x.toLocaleString('en-US')
  if (depth > MAX_HTML_DEPTH)
    throw new HtmlShapeError(
      `HTML nested ${n(depth)} levels deep (at most ${MAX_HTML_DEPTH}: no article page is; refused unread)`,
    )
  if (elements > MAX_HTML_ELEMENTS)
    throw new HtmlShapeError(
      `HTML of ${n(elements)} elements (at most ${n(MAX_HTML_ELEMENTS)}: no article page has as many; refused unread)`,
    )
}
