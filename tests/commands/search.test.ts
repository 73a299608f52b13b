import { beforeAll, describe, expect, it } from 'vitest'
import type { Bot, Requester } from '../../src/bot/bot.js'
import { projectBot } from '../helpers/engine.js'

const requester: Requester = { platform: 'console', userId: 'U1' }
let bot: Bot
beforeAll(async () => {
  bot = await projectBot()
})

describe('the search command answers people, honestly', () => {
  it('gives the closest passages when the evidence is partial, saying in one line what the article does not cover', async () => {
    const answer = await bot.ask('les chefs op font-ils du télétravail ?', requester)
    expect(answer.kind).toBe('results')
    expect(answer.tier).toBe('closest')
    expect(answer.lines[0]).toBe(
      'Le plus proche dans l’article : il parle de « chefs opérateurs », mais pas de « télétravail ».',
    )
    expect(answer.items[0]?.section.at(-1)).toBe('Les réalisateurs et chefs opérateurs')
  })

  it('refuses a pay or a price no passage gives, and says what the article says of the job', async () => {
    // Every labelled set, held-out ones included, counts « le salaire d'un monteur » as off-topic: the
    // article speaks of editors, never of what they earn.
    for (const question of ['combien gagne un monteur ?', 'c koi le salaire d’un monteur junior en CDDU ?']) {
      const answer = await bot.ask(question, requester)
      expect(answer.kind, question).toBe('empty')
      expect(answer.lines[0], question).toBe(
        'L’article ne donne pas ce montant. Sur les monteurs vidéo (juniors), il dit ce que l’IA change : essayez « monteur vidéo ».',
      )
    }
    // Time gained is not pay.
    const time = await bot.ask('Combien de temps gagne-t-on en restauration ?', requester)
    expect(time.items[0]?.text).toContain('réduisant de moitié le temps de travail')
  })

  it('names only words the passages shown contain, as written there', async () => {
    // « boulot » leads to « travail » and « doubleurs » to « doublage » through the thesaurus: the line
    // must not claim the article says « boulot ».
    for (const question of [
      'les chefs op font-ils du télétravail ?',
      'un monteur peut-il télétravailler ?',
      'mon boulot de doubleur va disparaître ?',
    ]) {
      const answer = await bot.ask(question, requester)
      const named = [...(answer.lines[0] ?? '').matchAll(/parle de (.*?)(?:, mais| :|\.$)/g)].flatMap((m) =>
        [...(m[1] ?? '').matchAll(/« (.*?) »/g)].map((w) => w[1] as string),
      )
      const shown = answer.items.map((item) => item.text.toLowerCase()).join(' ')
      for (const word of named) expect(shown, `${question}: ${word}`).toContain(word.toLowerCase())
    }
  })

  it('adds no such line when every word of the question is in the article', async () => {
    const answer = await bot.ask('les monteurs vont-ils disparaître ?', requester)
    expect(answer.lines.join(' ')).not.toMatch(/mais pas de/)
  })

  it('brings the job map to « quels métiers… », beside the passages', async () => {
    const answer = await bot.ask('Quels métiers sont menacés par l’IA ?', requester)
    expect(answer.jobMap?.map((j) => j.exposure)).toContain('menacé')
    expect(answer.items[0]?.text).toContain('identifie clairement les postes juniors et techniques')
  })

  it('shows the asker’s own job with its exposure badge', async () => {
    const answer = await bot.ask(
      'Bonjour, je viens d’arriver comme stagiaire VFX, ça change quoi pour moi ?',
      requester,
    )
    expect(answer.jobs.map((j) => [j.name, j.exposure])).toContainEqual([
      'Les techniciens VFX (juniors)',
      'menacé',
    ])
    expect(answer.items[0]?.section.at(-1)).toBe('Les techniciens VFX (juniors)')
  })

  it('says it knows only the article when asked about the team’s own shoot', async () => {
    const answer = await bot.ask('Qui est le chef op sur notre tournage ?', requester)
    expect(answer.lines[0]).toMatch(/^Je ne connais que l’article/)
  })

  it('answers nothing about the team’s own shoot, and nothing to an off-topic question', async () => {
    for (const question of ['Qui est le chef op sur notre tournage ?', 'quel temps fait-il ?']) {
      const answer = await bot.ask(question, requester)
      expect(answer.kind, question).toBe('empty')
      expect(answer.items, question).toEqual([])
    }
  })
})
