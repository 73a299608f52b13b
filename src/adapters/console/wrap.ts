/** Text for a terminal: its width in columns, and wrapping at spaces (never inside a word). */

/** SGR styles (bold) and OSC 8 hyperlinks: they take no column. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: terminal escape sequences are what it matches
const ESCAPES = /\u001b\[[0-9;]*m|\u001b\]8;;[^\u001b]*\u001b\\/g

/** East Asian wide characters and emoji (🔴 🟠 🟢 take two columns); a rough table is enough here. */
function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f000 && code <= 0x1faff) ||
    (code >= 0x20000 && code <= 0x3fffd)
  )
}

/** Combining marks, zero-width spaces and joiners, variation selectors. */
function isZeroWidth(char: string, code: number): boolean {
  return (
    /^\p{M}$/u.test(char) ||
    (code >= 0x200b && code <= 0x200f) ||
    code === 0x2060 ||
    (code >= 0xfe00 && code <= 0xfe0f)
  )
}

/** Columns the text takes on a terminal, escape sequences left out. */
export function displayWidth(text: string): number {
  let width = 0
  for (const char of text.replace(ESCAPES, '')) {
    const code = char.codePointAt(0) ?? 0
    if (isZeroWidth(char, code)) continue
    width += isWide(code) ? 2 : 1
  }
  return width
}

/**
 * French typography puts a space before « : ; ! ? » » and after « « », and inside numbers (300 000): a line
 * must not break there, so such words travel together.
 */
export function units(line: string): string[] {
  const out: string[] = []
  for (const word of line.split(' ')) {
    const previous = out.at(-1)
    const plain = word.replace(ESCAPES, '')
    const glued =
      previous !== undefined &&
      (/^[:;!?»),.…]/.test(plain) ||
        /«$/.test(previous.replace(ESCAPES, '')) ||
        (/\d$/.test(previous.replace(ESCAPES, '')) && /^\d{3}(?!\d)/.test(plain)))
    if (glued) out[out.length - 1] = `${previous} ${word}`
    else out.push(word)
  }
  return out.filter((unit) => unit !== '')
}

/**
 * The text as lines of at most `width` columns, broken at spaces only: a word wider than the line (a URL)
 * stands alone on its line, whole. `first` starts the first line and `rest` the others (a hanging indent).
 * Without a width (output that is not a terminal), each paragraph stays on one line.
 */
export function wrap(text: string, width: number | undefined, first = '', rest = first): string[] {
  const lines: string[] = []
  for (const paragraph of text.split('\n')) {
    const prefix = () => (lines.length === 0 ? first : rest)
    if (width === undefined) {
      lines.push(`${prefix()}${paragraph}`)
      continue
    }
    let line = ''
    let used = 0
    for (const unit of units(paragraph)) {
      const size = displayWidth(unit)
      if (line !== '' && used + 1 + size > width) {
        lines.push(line)
        line = ''
      }
      if (line === '') {
        line = `${prefix()}${unit}`
        used = displayWidth(line)
      } else {
        line += ` ${unit}`
        used += 1 + size
      }
    }
    lines.push(line === '' ? prefix().trimEnd() : line)
  }
  return lines
}
