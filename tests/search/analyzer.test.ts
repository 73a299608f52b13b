import { beforeAll, describe, expect, it } from 'vitest'
import type { FrenchAnalyzer } from '../../src/search/analyzer.js'
import { projectEngine } from '../helpers/engine.js'

let analyzer: FrenchAnalyzer
beforeAll(async () => {
  analyzer = (await projectEngine()).analyzer
})

const terms = (text: string) => analyzer.terms(text, 'query')

describe('French analysis', () => {
  it('strips elisions, including the long ones', () => {
    expect(terms("l'industrie")).toEqual(terms('industrie'))
    expect(terms('jusqu’aux monteurs')).toEqual(terms('monteurs'))
    expect(terms("lorsqu'un réalisateur")).toEqual(terms('réalisateur'))
    expect(terms("qu'est-ce que l'IA")).toEqual(['ia'])
  })

  it('folds case and accents but keeps ligatures as letters', () => {
    expect(terms('ŒUVRE')).toEqual(terms('oeuvre'))
    expect(terms('œuvre')[0]).toMatch(/^oeuvr/)
    expect(terms('scénariste')).toEqual(terms('scenariste'))
  })

  it('normalises full-width letters, soft hyphens and apostrophe variants', () => {
    expect(terms('ｍｏｎｔｅｕｒ')).toEqual(terms('monteur'))
    expect(terms('mon\u00ADteur')).toEqual(terms('monteur'))
    expect(terms('l’IA')).toEqual(terms("l'IA"))
  })

  it('keeps "ia" and reads the English "AI" as ia, but drops the verb in "j’ai"', () => {
    expect(terms('IA')).toEqual(['ia'])
    expect(terms('AI')).toEqual(['ia'])
    expect(terms('I.A.')).toEqual(['ia'])
    expect(terms("j'ai")).toEqual([])
  })

  it('unites plurals and feminine forms of job names', () => {
    const monteur = terms('monteur')
    expect(terms('monteuse')).toEqual(monteur)
    expect(terms('monteurs')).toEqual(monteur)
    expect(terms('monteuses')).toEqual(monteur)
    expect(terms('réalisatrice')).toEqual(terms('réalisateur'))
    expect(terms('actrices')).toEqual(terms('acteur'))
    expect(terms('productrice')).toEqual(terms('producteurs'))
    expect(terms('ingénieure')).toEqual(terms('ingénieur'))
  })

  it('does not turn adjectives in -euse into agent nouns that do not exist', () => {
    expect(terms('nombreuses')).toEqual(terms('nombreux'))
  })

  it('leaves proper and product names unstemmed', () => {
    expect(terms('Cinelytic')).toEqual(['cinelytic'])
    expect(terms('Houdini')).toEqual(['houdini'])
    expect(terms('Respeecher')).toEqual(['respeecher'])
    expect(terms('LANDR')).toEqual(['landr'])
  })

  it('maps synonyms and English words to one canonical term', () => {
    expect(terms('editor')).toEqual(terms('monteur'))
    expect(terms('dubbing')).toEqual(terms('doublage'))
    expect(terms('copyright')).toEqual(terms('droit d’auteur'))
    expect(terms('trailer')).toEqual(terms('bande-annonce'))
    expect(terms('screenwriter')).toEqual(terms('scénariste'))
    // Two synonyms in one question name one concept (the engine asks for each distinct term once).
    expect(new Set(terms('monteur editor'))).toEqual(new Set(terms('monteur')))
  })

  it('recognises multi-word terms and hyphenated words in either spelling', () => {
    expect(terms('sound design')).toEqual(terms('bruitage'))
    expect(terms('ingénieur du son')).toHaveLength(1)
    expect(terms('bandes annonces')).toEqual(terms('bande-annonce'))
    expect(terms('post-production')).toEqual(terms('postproduction'))
  })

  it('indexes the words of a phrase too, so one word of it still finds it', () => {
    const indexed = analyzer.terms('Les ingénieurs du son', 'index')
    expect(indexed).toEqual(expect.arrayContaining([...terms('ingénieur du son'), ...terms('son')]))
  })

  it('drops question words, verb–subject inversions and chat words', () => {
    expect(terms('Comment les monteurs sont-ils touchés ?')).toEqual([
      ...terms('monteurs'),
      ...terms('touchés'),
    ])
    expect(terms('Que dit l’article sur le doublage ?')).toEqual(terms('doublage'))
    expect(terms('va-t-elle')).toEqual([])
  })

  it('reads a hyphenated word with a stop word inside as the thesaurus reads it', () => {
    // The thesaurus keys « raz-de-marée » without « de »; « peut-être » is nothing but stop words.
    expect(terms('raz-de-marée')).toEqual(terms('raz de marée'))
    expect(terms('raz-de-marée')).toEqual(terms('saturation'))
    expect(terms('peut-être')).toEqual([])
    expect(terms('c’est-à-dire')).toEqual([])
  })

  it('keeps each thesaurus form in a single concept', () => {
    expect(analyzer.conflicts).toEqual([])
  })

  it('never leads a common word to a concept through a stem it shares with another word', () => {
    // Each of these once fell on a concept: « devait » on « devis » (a cost), « production » on
    // « productif », « vous savez » on « save », « en train de » on « train », « tellement » on « télé »,
    // « mai » on « Maya », « puis » on « puiser », « touché » on « touch up »…
    const common = [
      'devait',
      'savez',
      'venait',
      'pays',
      'porter',
      'pleine',
      'train',
      'tellement',
      'mai',
      'saga',
      'production',
      'argent',
      'final',
      'touché',
      'premier',
      'sors',
      'sers',
      'puis',
      'devant',
      'près',
      'courant',
      'commun',
      'nouvelle',
      'modèle',
    ]
    for (const word of common)
      expect(
        terms(word).filter((term) => analyzer.canonicalTerms.has(term)),
        word,
      ).toEqual([])
  })
})
