/** What the Discord adapter renders, and with what: the answer, shares, notices and their parts (render/). */
export { renderAnswer } from './render/answer.js'
export { type ButtonRow, renderButtons } from './render/buttons.js'
export { type AttachmentFile, cardAttachment, multipartMessage, withCard } from './render/card.js'
export { renderDailyQuote, renderNotice, renderShare } from './render/share.js'
export { ERROR_TEXT, embedSize, formatSegments, type RenderedMessage, safeUrl } from './render/text.js'
