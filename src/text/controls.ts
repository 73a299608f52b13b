/**
 * Control characters: no text of the corpus or of an answer needs them, and on a terminal they act — a bell,
 * an escape sequence that clears the screen, retitles the window or hides a link, a bidirectional override
 * that shows « fichier.exe » as « exe.reifhcif ». They are taken out where text comes in (corpus:add, the
 * corpus loader) and where it goes out to a terminal (console chat, `ask`, `card`).
 *
 * Taken out: C0 controls but tab and line feed (a carriage return ends a line: \r\n and \r become \n), DEL,
 * C1 controls, the bidirectional marks, embeddings, overrides and isolates, and the invisible format
 * characters nothing writes on purpose (zero-width space, word joiner and invisible operators, byte order
 * mark, interlinear annotations). Kept: every letter and mark (French accents, « », ’), every space (no-break
 * and narrow no-break), the soft hyphen, and what emoji are made of (zero-width joiner and non-joiner,
 * variation selectors, tag characters of flags such as 🏴󠁧󠁢󠁳󠁣󠁴󠁿).
 */
// As a string: the set written with \u escapes, read by RegExp (a literal with them trips the linter).
const CONTROL_SET =
  '[\\u0000-\\u0008\\u000B-\\u001F\\u007F-\\u009F\\u061C\\u200B\\u200E\\u200F\\u202A-\\u202E\\u2060-\\u2064\\u2066-\\u206F\\uFEFF\\uFFF9-\\uFFFB]'
const CONTROLS = new RegExp(CONTROL_SET, 'g')
const HAS_CONTROL = new RegExp(CONTROL_SET)
// A terminal escape sequence goes whole, not just its ESC (which would leave « [31m » in the text): CSI
// (ESC [ or C1 CSI, parameters, final byte), OSC (ESC ], to BEL or ST) and two-character escapes.
const ESCAPE_SEQUENCE =
  '\\u001b\\[[0-?]*[ -/]*[@-~]|\\u009b[0-?]*[ -/]*[@-~]|\\u001b\\][^\\u0007\\u001b]*(?:\\u0007|\\u001b\\\\)?|\\u001b[@-_]'
const ESCAPE_SEQUENCES = new RegExp(ESCAPE_SEQUENCE, 'g')

/** The text without control characters (see above); line ends as \n. */
export function stripControls(text: string): string {
  // Most texts have none: one test costs less than two replacements.
  if (!HAS_CONTROL.test(text)) return text
  return text.replace(ESCAPE_SEQUENCES, '').replace(/\r\n?/g, '\n').replace(CONTROLS, '')
}

/** Every string of a plain data value (an Answer, a record) without control characters; other values as they are. */
export function stripControlsDeep<T>(value: T): T {
  if (typeof value === 'string') return stripControls(value) as T
  if (Array.isArray(value)) return value.map((entry) => stripControlsDeep(entry)) as T
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [key, entry] of Object.entries(value)) out[key] = stripControlsDeep(entry)
    return out as T
  }
  return value
}

// What JSON.stringify leaves raw although a terminal acts on it: DEL, C1 controls and the invisible format
// characters above (C0 controls it already writes as \u00XX).
const JSON_RAW_CONTROLS =
  /[\u007F-\u009F\u061C\u200B\u200E\u200F\u202A-\u202E\u2028\u2029\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB]/g

/**
 * JSON for a terminal or a pipe: the same value once parsed (a script still gets the text verbatim), with
 * every control character written as a \u escape rather than raw.
 */
export function terminalJson(value: unknown): string {
  return JSON.stringify(value).replace(
    JSON_RAW_CONTROLS,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
}
