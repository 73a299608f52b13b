/**
 * What users see, byte for byte: every command and every button outcome rendered by each adapter (Slack
 * Block Kit, Discord payloads, console text, the CLI's JSON line). Written before the layering move so the
 * move could prove it changed nothing; a deliberate change of what users see updates the snapshot file.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { answerJson } from '../../src/adapters/cli/answer-json.js'
import { PLAIN, renderText, renderShare as renderTextShare } from '../../src/adapters/console/render-text.js'
import { cardResponse, clickResponse } from '../../src/adapters/discord/outcome.js'
import * as discord from '../../src/adapters/discord/render-message.js'
import * as slack from '../../src/adapters/slack/render-blocks.js'
import type { Answer } from '../../src/answers/answer.js'
import type { ActionOutcome, Bot, Requester } from '../../src/bot/bot.js'
import { cardAltText, cardFileName } from '../../src/cards/content.js'
import type { SearchEngine } from '../../src/search/engine.js'
import type { Store } from '../../src/storage/store.js'
import { projectBot, projectEngine } from '../helpers/engine.js'

const QUESTIONS = [
  'monteur',
  'Quels métiers sont menacés par l’IA ?',
  'editor jobs',
  'storybord',
  'IA',
  'pizza margherita',
  '<!channel> & *gras* _ital_ `code` @everyone',
  'citation',
  'citation miyazaki',
  'citation pizza',
  'metiers',
  'metiers menacés',
  'metiers qui résistent',
  'sources',
  'parcours',
  'parcours 8',
  'parcours 99',
  'aide',
  '',
  'recharger',
  `${'monteur '.repeat(40)}`,
]

// Feedback buttons appear only with a store; this one records nothing and keys each question the same way.
const quietStore: Store = {
  engine: 'sqlite',
  recordQuery: () => 'k1',
  recordFeedback: () => {},
  pickDailyQuote: async () => undefined,
  claimDelivery: async () => true,
  flush: async () => {},
  report: () => {
    throw new Error('not used')
  },
  close: async () => {},
}

const requester: Requester = { platform: 'slack', userId: 'U1' }
let bot: Bot
let engine: SearchEngine

function seeded(): () => number {
  let state = 7
  return () => {
    state = (state * 16807) % 2147483647
    return state / 2147483647
  }
}

function everyRendering(answer: Answer) {
  return {
    slack: slack.renderAnswer(answer),
    slackHome: slack.renderAnswer(answer, { idPrefix: 'home:' }),
    discord: discord.renderAnswer(answer),
    console: renderText(answer, PLAIN),
  }
}

function outcomeRendering(outcome: ActionOutcome) {
  if (outcome.type === 'card') {
    // The PNG is checked in tests/cards; here, the messages that carry it.
    const file = {
      png: Buffer.alloc(0),
      filename: cardFileName(outcome.item),
      alt: cardAltText(outcome.item),
    }
    return {
      outcome: outcome.type,
      file: { filename: file.filename, alt: file.alt },
      discordPublic: cardResponse(outcome.item, file, { id: '42', name: 'Alice' }),
      slack: slack.renderShare(outcome.item, 'U1'),
    }
  }
  return {
    outcome: outcome.type,
    discordEphemeral: clickResponse(outcome, { id: '42', name: 'Alice' }, true),
    discordPublic: clickResponse(outcome, { id: '42', name: 'Alice' }, false),
    slack:
      outcome.type === 'answer'
        ? slack.renderAnswer(outcome.answer)
        : outcome.type === 'share'
          ? slack.renderShare(outcome.item, 'U1')
          : slack.renderNotice(outcome.message),
    console:
      outcome.type === 'answer'
        ? renderText(outcome.answer, PLAIN)
        : outcome.type === 'share'
          ? renderTextShare(outcome.item, 'vous')
          : outcome.message,
  }
}

beforeAll(async () => {
  bot = await projectBot({ random: seeded(), store: quietStore, userKey: () => 'u' })
  engine = await projectEngine()
})

describe('every command, as each adapter renders it', () => {
  it.each(QUESTIONS.map((q) => [q] as const))('%s', async (question) => {
    const answer = await bot.ask(question, requester)
    expect(everyRendering(answer)).toMatchSnapshot()
    expect(answerJson(question, engine, 3)).toMatchSnapshot()
  })

  it('every button of the answers above, clicked', async () => {
    const seen = new Set<string>()
    const outcomes: Record<string, unknown> = {}
    for (const question of ['monteur', 'IA', 'citation miyazaki', 'parcours', 'parcours 14']) {
      const answer = await bot.ask(question, requester)
      for (const action of answer.actions) {
        if (seen.has(action.id)) continue
        seen.add(action.id)
        outcomes[action.id] = outcomeRendering(await bot.act(action.id, requester))
      }
    }
    outcomes.forged = outcomeRendering(await bot.act('iac:share:nope#p1', requester))
    outcomes.garbage = outcomeRendering(await bot.act('not ours', requester))
    expect(outcomes).toMatchSnapshot()
  })

  it('onboarding, App Home, daily quote and notices', () => {
    const onboarding = bot.onboarding()
    const quote = onboarding.items[0]
    expect(quote).toBeDefined()
    if (!quote) return
    expect({
      onboarding: everyRendering(onboarding),
      home: slack.renderHome(onboarding),
      homeWithLead: slack.renderHome(onboarding, 'Bonjour'),
      slackDaily: slack.renderDailyQuote(quote),
      discordDaily: discord.renderDailyQuote(quote),
      slackNotice: slack.renderNotice('Merci !'),
      discordNotice: discord.renderNotice('Merci !'),
      discordShare: discord.renderShare(quote, { id: '42', name: 'Alice' }),
      slackShare: slack.renderShare(quote, 'U1'),
    }).toMatchSnapshot()
  })
})
