import { beforeAll, describe, expect, it } from 'vitest'
import type { SearchEngine } from '../../src/search/engine.js'
import { isAsking, splitMessage } from '../../src/search/message.js'
import { readChatMarkup } from '../../src/text/chat-markup.js'
import { projectEngine } from '../helpers/engine.js'

const contextOf = (raw: string) => {
  const parts = splitMessage(readChatMarkup(raw))
  return parts.context.map(([start, end]) => parts.text.slice(start, end).trim())
}

describe('telling the question from its context', () => {
  it('takes the sentences that ask as the question, the rest of the message as context', () => {
    expect(
      contextOf(
        'salut ! grosse journée de dérush ici, j’ai les yeux qui piquent\npetite question : l’IA fait gagner combien de temps sur la restauration ?\nmerci d’avance',
      ),
      // The text is normalised as the analyzer reads it (one kind of apostrophe).
    ).toEqual(['salut !', "grosse journée de dérush ici, j'ai les yeux qui piquent", "merci d'avance"])
  })

  it('counts a quoted colleague and pasted code as context, even in a message that asks nothing', () => {
    expect(contextOf('> on va tous se faire remplacer\nune citation sur les monteurs')).toEqual([
      'on va tous se faire remplacer',
    ])
    expect(contextOf('les monteurs juniors')).toEqual([])
  })

  it('takes the sentence before a short question that points back at it (« c’est lié à quoi ? »)', () => {
    const parts = splitMessage(
      readChatMarkup('je suis tombé sur « IA low cost » dans un fil. c’est lié à quoi ?'),
      undefined,
      () => 1,
    )
    expect(parts.context).toEqual([])
  })

  it('never takes a bracketed aside for what a short question points back at', () => {
    // « ils » means the data scientists of the sentence before the aside, not the team's planning.
    const parts = splitMessage(
      readChatMarkup(
        'on m’a parlé des data scientists chez Netflix\n(oui c’est notre planning actuel) ils font quoi avec l’IA ?',
      ),
      undefined,
      () => 1,
    )
    expect(parts.context.map(([start, end]) => parts.text.slice(start, end).trim())).toEqual([
      "(oui c'est notre planning actuel)",
    ])
  })

  it('knows a question without « ? » by how it opens', () => {
    expect(isAsking('pourquoi les storyboarders sont menacés')).toBe(true)
    expect(isAsking('je cherche une citation sur l’œil humain')).toBe(true)
    expect(isAsking('grosse journée aujourd’hui')).toBe(false)
  })
})

describe('a message pasted from a channel is answered as its question would be', () => {
  let engine: SearchEngine
  beforeAll(async () => {
    engine = await projectEngine()
  })

  it('finds the same passage as the bare question, and counts none of the context’s words against it', () => {
    const bare = engine.search('l’IA fait gagner combien de temps sur la restauration des vieux films ?')
    const pasted = engine.search(
      '<@U04ABCD12> salut ! grosse journée de dérush ici :sweat_smile: 6h de visionnage, j’ai les yeux qui piquent\n> t’as vu <https://example.org/x|ce lien> ?\npetite question : l’IA fait gagner combien de temps sur la restauration des vieux films ?\nmerci d’avance :pray:',
    )
    expect(pasted.unknownWords).toEqual([])
    expect(pasted.tier).not.toBe('none')
    expect(pasted.hits[0]?.record.id).toBe(bare.hits[0]?.record.id)
  })

  it('does not read the team’s own affairs into a question from a colleague’s quoted words', () => {
    const outcome = engine.search(
      '> on se voit cette semaine pour notre tournage\nles chefs opérateurs vont-ils disparaître ?',
    )
    expect(outcome.intent.local).toBe(false)
    expect(outcome.hits[0]?.record.section.at(-1)).toBe('Les réalisateurs et chefs opérateurs')
  })
})
