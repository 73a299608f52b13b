import { beforeAll, describe, expect, it } from 'vitest'
import type { SearchEngine } from '../../src/search/engine.js'
import { projectEngine } from '../helpers/engine.js'

let engine: SearchEngine
beforeAll(async () => {
  engine = await projectEngine()
})

const read = (question: string) => engine.search(question, { limit: 3 })

describe('reading what a question is about', () => {
  it('leaves greetings, self-introduction and chat hedges out of the question', () => {
    const plain = read('mon poste de monteur va-t-il disparaître ?')
    const chatty = read(
      'Salut ! je commence lundi comme assistante monteuse, en gros mon poste va-t-il disparaître avec l’IA ?',
    )
    // Same topic words once the framing is gone; nothing counted as unknown.
    expect(chatty.unknownWords).toEqual([])
    expect(chatty.terms).toEqual(expect.arrayContaining(plain.terms))
    expect(chatty.hits[0]?.record.section.at(-1)).toBe('Les monteurs vidéo (juniors)')
  })

  it('reads the asker’s own job and puts its section first, with its exposure badge', () => {
    const outcome = read('Bonjour, je suis nouvelle comme storyboardeuse, ça va changer quoi pour moi ?')
    expect(outcome.state).toContain('+storyboard')
    expect(outcome.hits[0]?.record.job?.exposure).toBe('menacé')
    expect(outcome.hits[0]?.record.section.at(-1)).toBe('Les storyboarders et concepteurs visuels')
  })

  it('stops the asker’s job at « sur », « dans »…: where they work is not who they are', () => {
    const outcome = read('je commence comme cascadeur sur le tournage, l’IA peut remplacer nos cascades ?')
    expect(outcome.state).toContain('+cascade')
    expect(outcome.state).not.toContain('+tournage')
    expect(outcome.hits[0]?.record.section.at(-1)).toBe('Les acteurs et cascadeurs')
  })

  it('finds quotes when a quotation is asked for, matching the speaker', () => {
    const outcome = read('ce qu’a dit le CNC sur les petites structures')
    expect(outcome.intent.quote).toBe(true)
    // The CNC's warning is a quote record whose speaker is « Le CNC ».
    expect(outcome.hits[0]?.record.kind).toBe('quote')
    expect(outcome.hits[0]?.record.speaker).toBe('Le CNC')
  })

  it('reads « quels métiers » as a question about the job map', () => {
    expect(read('Quels métiers sont menacés par l’IA ?').intent.jobs).toBe(true)
    expect(read('monteur').intent.jobs).toBe(false)
  })

  it('reads chat spellings as the words they stand for', () => {
    expect(read('c koi le ia act').terms).toEqual(read('c’est quoi le IA Act').terms)
    expect(read('les ptites prod').terms).toEqual(read('les petites prod').terms)
  })

  it('reads an English plural the French stemmer leaves alone', () => {
    expect(read('screenwriters').terms).toEqual(read('screenwriter').terms)
    expect(read('screenwriters').hits.length).toBeGreaterThan(0)
  })

  it('reads who asks: a first name set off by a comma is theirs, a state is not a job', () => {
    const named = read('Salut, je suis Léa, stagiaire storyboardeuse. Mon métier a-t-il un avenir ?')
    expect(named.unknownWords).not.toContain('Léa')
    expect(named.state).toContain('+storyboard')
    // « perdu » is a word of the article (« disparaître »), but not a job: no section is put first for it.
    expect(read('qui a eu la Palme d’or ? je suis perdu').state.filter((t) => t.startsWith('+'))).toEqual([])
  })

  it('reads a pay as an amount asked, and « le meilleur… » as a ranking asked, in the question only', () => {
    expect(read('combien gagne un monteur ?').intent.price).toBe(true)
    expect(read('c koi le salaire d’un monteur junior ?').intent.price).toBe(true)
    // « salaire » stays a word of the question: the line about what the article does not cover names it.
    expect(read('le salaire des monteurs').unknownWords).toContain('salaire')
    // Time gained is not an amount, and a colleague's quoted question is not the asker's.
    expect(read('combien de temps gagne-t-on en restauration ?').intent.price).toBe(false)
    expect(read('> un monteur c’est payé combien ?\nl’IA menace-t-elle les monteurs ?').intent.price).toBe(
      false,
    )
    expect(read('meilleur film de 2023 ?').intent.best).toBe(true)
    expect(read('the best AI tool for editors?').intent.best).toBe(true)
    expect(read('quels métiers résistent le mieux ?').intent.best).toBe(false)
    expect(read('top 10 des films les plus rentables de 2024 ?').intent.best).toBe(true)
    expect(read('c’est top, l’IA pour le sous-titrage ?').intent.best).toBe(false)
  })

  it('does not answer questions about the team’s own affairs, whatever words they share with the article', () => {
    const outcome = read('Qui est le chef opérateur sur notre tournage de la semaine prochaine ?')
    expect(outcome.intent.local).toBe(true)
    expect(outcome.hits).toEqual([])
  })
})

describe('spelling', () => {
  it('corrects a word no dictionary knows into the corpus word it misspells', () => {
    expect(read('storybord').corrections).toEqual([{ from: 'storybord', to: 'storyboard' }])
  })

  it('never rewrites a real French word into a corpus word', () => {
    // « remis » is not « femis », « masse » is not « passe », « vieille » is not « veille ».
    for (const question of ['un film remis à neuf', 'la masse salariale', 'une vieille copie']) {
      expect(read(question).corrections, question).toEqual([])
    }
  })
})

describe('state carried by buttons', () => {
  it('runs the same search again from a button’s state, page after page', () => {
    const first = read('Salut, je suis monteuse junior, mon poste va-t-il disparaître ?')
    const again = engine.searchState(first.state, { limit: 3 })
    expect(again.hits.map((h) => h.record.id)).toEqual(first.hits.map((h) => h.record.id))
    expect(again.total).toBe(first.total)
  })

  it('ignores tokens a forged button might carry', () => {
    const outcome = engine.searchState(['montage', '<script>', '!x', '?abc', 'montage~0', '+'], { limit: 3 })
    expect(outcome.terms).toEqual(['montage'])
  })
})
