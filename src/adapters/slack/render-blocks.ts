/** What the Slack adapter renders: answers, shares, notices, the daily quote and the App Home (render/). */
export { renderAnswer } from './render/answer.js'
export { ACTION_ID_PREFIX, LIMITS, type RenderOptions, type SlackMessage } from './render/blocks.js'
export { renderHome } from './render/home.js'
export { renderDailyQuote, renderNotice, renderShare } from './render/share.js'
