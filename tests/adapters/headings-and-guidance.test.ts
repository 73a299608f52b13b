/**
 * What every renderer shares: a run-in section heading shown as a heading, and instructions (how to ask,
 * how to go on) in the words of the platform the answer is read on.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { renderShare as consoleShare, PLAIN, renderText } from '../../src/adapters/console/render-text.js'
import * as discord from '../../src/adapters/discord/render-message.js'
import * as slack from '../../src/adapters/slack/render-blocks.js'
import type { Answer, AnswerItem } from '../../src/answers/answer.js'
import type { Bot, Requester } from '../../src/bot/bot.js'
import { projectBot } from '../helpers/engine.js'

let bot: Bot
let monteur: Answer
let editors: AnswerItem
beforeAll(async () => {
  bot = await projectBot()
  monteur = await bot.ask('monteur', { platform: 'slack' })
  const item = monteur.items.find((i) => i.text.startsWith('Les monteurs vidéo (juniors) Les logiciels'))
  if (!item) throw new Error('the editors’ passage is not in the answer')
  editors = item
})

const GLUED = 'Les monteurs vidéo (juniors) Les logiciels'
const slackText = (message: { blocks: unknown[]; text: string }) => JSON.stringify(message.blocks)
const discordText = (message: { embeds: unknown[] }) => JSON.stringify(message.embeds)

describe('a run-in heading', () => {
  it('is shown as the heading it is in Slack, Discord and the console, answers and shares alike', () => {
    const rendered = {
      slack: slackText(slack.renderAnswer(monteur)),
      slackShare: slackText(slack.renderShare(editors, 'U1')),
      discord: discordText(discord.renderAnswer(monteur)),
      discordShare: discordText(discord.renderShare(editors, { id: '42', name: 'Alice' })),
      console: renderText(monteur, PLAIN),
      consoleShare: consoleShare(editors, 'vous'),
    }
    for (const [where, marked] of Object.entries(rendered)) {
      const text = marked.replace(/\*/g, '') // bold matches
      expect({ where, glued: text.includes(GLUED) }).toEqual({ where, glued: false })
      expect({ where, body: text.includes('Les logiciels d’IA automatisent le montage') }).toEqual({
        where,
        body: true,
      })
      expect({ where, heading: text.includes('Les monteurs vidéo (juniors)') }).toEqual({
        where,
        heading: true,
      })
    }
    // Where no section path stands above it, the heading gets a line of its own.
    expect(rendered.consoleShare).toMatch(/^Les monteurs vidéo \(juniors\)\nLes logiciels d’IA/)
  })
})

describe('instructions in the platform’s words', () => {
  const as = (platform: Requester['platform']): Requester => ({ platform })

  it('help says how to type on Slack and Discord, and gives the console its own words', async () => {
    const help = await bot.ask('aide', as('console'))
    const console = renderText(help, PLAIN)
    for (const word of ['« plus »', '« partager 1 »', '« suivant »', '« quitter »'])
      expect(console).toContain(word)
    expect(console).not.toMatch(/\/ia-cinema|Cliquez/)
    expect(slackText(slack.renderAnswer(help))).toContain('Tapez /ia-cinema suivi de votre demande')
    expect(discordText(discord.renderAnswer(help))).toContain('Tapez /ia-cinema et votre demande')
  })

  it('the tour says to click on Slack and Discord, and to type « suivant » in the console', async () => {
    const tour = await bot.ask('parcours', as('console'))
    expect(renderText(tour, PLAIN)).toContain('Tapez « suivant » pour avancer')
    expect(renderText(tour, PLAIN)).not.toContain('Cliquez')
    expect(slackText(slack.renderAnswer(tour))).toContain('Cliquez sur « Suivant » pour avancer.')
    expect(discordText(discord.renderAnswer(tour))).toContain('Cliquez sur « Suivant » pour avancer.')
  })
})
