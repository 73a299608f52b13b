import { describe, expect, it } from 'vitest'
import { parseRequest } from '../../commands/index.js'

const parsed = (text: string) => {
  const { command, args } = parseRequest(text)
  return [command.name, args]
}

describe('parseRequest (shared by Slack text, Discord option, console and mentions)', () => {
  it('reads a leading command word, with or without accents or case', () => {
    expect(parsed('citation miyazaki')).toEqual(['citation', 'miyazaki'])
    expect(parsed('Citation')).toEqual(['citation', ''])
    expect(parsed('MÉTIERS')).toEqual(['metiers', ''])
    expect(parsed('métiers menacés')).toEqual(['metiers', 'menacés'])
    expect(parsed('sources')).toEqual(['sources', ''])
    expect(parsed('parcours 3')).toEqual(['parcours', '3'])
    expect(parsed('help')).toEqual(['aide', ''])
    expect(parsed('/ia-cinema citation')).toEqual(['citation', ''])
  })

  it('treats everything else, and commands with arguments they do not take, as a search', () => {
    expect(parsed('monteur')).toEqual(['recherche', 'monteur'])
    expect(parsed('Quels métiers sont menacés ?')).toEqual(['recherche', 'Quels métiers sont menacés ?'])
    expect(parsed('métiers du son')).toEqual(['recherche', 'métiers du son'])
    expect(parsed('sources des données IA')).toEqual(['recherche', 'sources des données IA'])
    expect(parsed('parcours professionnel des monteurs')).toEqual([
      'recherche',
      'parcours professionnel des monteurs',
    ])
  })

  it('gives help for empty text', () => {
    expect(parsed('')).toEqual(['aide', ''])
    expect(parsed('  \n ')).toEqual(['aide', ''])
  })
})

describe('parseRequest on text with nothing to search', () => {
  it('gives help for punctuation or emoji alone', () => {
    expect(parsed('?')).toEqual(['aide', ''])
    expect(parsed('🎬🍿')).toEqual(['aide', ''])
  })
})
