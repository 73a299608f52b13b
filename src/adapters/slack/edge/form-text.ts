/**
 * A form body as text, without decoding what will never be read. A slash command's text is cut to what the
 * engine reads (edge/http-guard.ts), yet decoding a 1 MB body whole made two 1 MB strings per request (the
 * body, then the decoded text), and ten such requests at once left the heap, and the RSS, that much larger
 * for good. Here each value of a slash command body is cut, still encoded, to the most bytes its usable
 * part can take, and the rest of the body never becomes a string. A body that is not a slash command (an
 * interaction's JSON `payload`, a url_verification) comes back whole.
 */

const AMPERSAND = 0x26
const EQUALS = 0x3d
/** A UTF-16 unit takes at most 9 bytes once form-encoded (three UTF-8 bytes as %XX each). */
const MAX_ENCODED_BYTES_PER_UNIT = 9
/** Longer names are none of the ones looked for. */
const MAX_NAME_BYTES = 16

export interface FormText {
  text: string
  /** Whether a value was cut: what was decoded is then not the body as it came. */
  cut: boolean
}

/**
 * `body` decoded as UTF-8, each field of a slash command (a body with a `command` field) cut to the bytes
 * that can hold `limits.text` characters for `text`, `limits.other` for the others. A cut in the middle of
 * an escape or of a character only touches what lies past those characters.
 */
export function formText(body: Buffer, limits: { text: number; other: number }): FormText {
  const fields: Array<{ start: number; equals: number; end: number; name: string }> = []
  for (let start = 0; start <= body.length; ) {
    const found = body.indexOf(AMPERSAND, start)
    const end = found < 0 ? body.length : found
    const at = body.indexOf(EQUALS, start)
    const equals = at >= 0 && at < end ? at : end
    const name = equals - start <= MAX_NAME_BYTES ? body.toString('latin1', start, equals) : ''
    fields.push({ start, equals, end, name })
    start = end + 1
  }
  if (!fields.some((field) => field.name === 'command')) return { text: body.toString(), cut: false }
  let cut = false
  const parts = fields.map(({ start, equals, end, name }) => {
    const chars = name === 'text' ? limits.text : limits.other
    // A field without "=" is all name: bounded the same way.
    const from = equals < end ? equals + 1 : start
    const last = Math.min(end, from + chars * MAX_ENCODED_BYTES_PER_UNIT)
    if (last < end) cut = true
    return body.toString('utf8', start, last)
  })
  return { text: parts.join('&'), cut }
}
