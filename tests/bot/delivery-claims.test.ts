import { beforeAll, describe, expect, it } from 'vitest'
import type { Answer } from '../../src/answers/answer.js'
import type { Bot, Requester } from '../../src/bot/bot.js'
import { CLAIM_WAIT_MS, DeliveryClaims, privateOnly } from '../../src/bot/delivery-claims.js'
import { loadBot } from '../../src/bot/load-bot.js'
import { IN_MEMORY, openSqliteStore } from '../../src/storage/sqlite-store.js'

const never = () => new Promise<boolean>(() => undefined)

describe('delivery claims', () => {
  it('acts on a delivery once: the process memory first, then the store shared with other processes', async () => {
    const { store } = openSqliteStore({ dataDir: IN_MEMORY })
    const here = new DeliveryClaims({ store })
    const elsewhere = new DeliveryClaims({ store })
    expect(await here.claim('slack:event:Ev1')).toBe('first')
    expect(await here.claim('slack:event:Ev1')).toBe('repeat')
    // Another instance: its own memory has never seen it, the store has.
    expect(await elsewhere.claim('slack:event:Ev1')).toBe('repeat')
    expect(await elsewhere.claim('slack:event:Ev2')).toBe('first')
    expect(here.publicAllowed('slack:event:Ev1')).toBe(true)
    await store.close()
  })

  it('is unverified when the store fails or does not answer in time, and then allows no public post', async () => {
    const failing = new DeliveryClaims({
      store: { claimDelivery: () => Promise.reject(new Error('connection refused')) },
    })
    expect(await failing.claim('discord:1')).toBe('unverified')
    expect(failing.publicAllowed('discord:1')).toBe(false)
    expect(failing.publicAllowed('discord:2')).toBe(true)
    // Seen here already: a repeat whatever the store says.
    expect(await failing.claim('discord:1')).toBe('repeat')

    // A store that never answers: the claim gives up after its bounded wait (else this test would hang).
    const slow = new DeliveryClaims({ store: { claimDelivery: never }, waitMs: CLAIM_WAIT_MS })
    expect(await slow.claim('slack:trigger:T1')).toBe('unverified')
    expect(slow.publicAllowed('slack:trigger:T1')).toBe(false)
  })

  it('without a store, answers for this process alone', async () => {
    const claims = new DeliveryClaims()
    expect(await claims.claim('slack:event:Ev9')).toBe('first')
    expect(await claims.claim('slack:event:Ev9')).toBe('repeat')
    expect(claims.publicAllowed('slack:event:Ev9')).toBe(true)
  })
})

describe('a bot that may not post publicly', () => {
  const requester: Requester = { platform: 'slack', userId: 'U1' }
  let bot: Bot
  let answer: Answer
  beforeAll(async () => {
    bot = await loadBot({})
    answer = await bot.ask('monteur', requester)
  })

  it('turns a share or a card into a private message, and leaves everything else as it is', async () => {
    const quiet = privateOnly(bot)
    const share = answer.actions.find((a) => a.kind === 'share')
    expect((await bot.act(share?.id ?? '', requester)).type).toBe('share')
    const refused = await quiet.act(share?.id ?? '', requester)
    expect(refused).toEqual({ type: 'notice', message: expect.stringMatching(/momentanément indisponible/) })
    const quote = await bot.ask('citation', requester)
    const card = quote.actions.find((a) => a.kind === 'card')
    expect(card).toBeDefined()
    expect((await quiet.act(card?.id ?? '', requester)).type).toBe('notice')
    const more = answer.actions.find((a) => a.kind === 'more')
    expect((await quiet.act(more?.id ?? '', requester)).type).toBe('answer')
    expect(await quiet.ask('monteur', requester)).toEqual(answer)
  })
})
