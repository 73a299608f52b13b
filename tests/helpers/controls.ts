/**
 * Control characters no text may carry to a terminal or into the corpus: C0 but tab and line feed, DEL, C1,
 * the bidirectional and the invisible format controls. Written apart from src/text/controls.ts, so that the
 * tests check it rather than repeat it (a string read by RegExp: a literal with them trips the linter).
 */
const SET =
  '[\\u0000-\\u0008\\u000B-\\u001F\\u007F-\\u009F\\u061C\\u200B\\u200E\\u200F\\u202A-\\u202E\\u2060-\\u2064\\u2066-\\u206F\\uFEFF\\uFFF9-\\uFFFB]'
export const CONTROL_CHARACTER = new RegExp(SET, 'u')
