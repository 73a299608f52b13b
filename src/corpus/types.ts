/** How the article classifies a job: threatened, evolving or resisting. */
export type Exposure = 'menacé' | 'évolue' | 'résiste'

/** A thesaurus concept: forms that mean the same in a question, read as one canonical term. */
export interface ThesaurusConcept {
  canonical: string
  /** A job or craft (« bruiteur », « étalonneur ») weighs more in a question than another concept. */
  kind?: 'job' | 'concept'
  terms: string[]
}

export interface Study {
  title: string
  publisher: string
  date?: string
}

export interface DocumentMeta {
  /** File name without extension: stable, used in record ids. */
  id: string
  title: string
  url: string
  publisher: string
  language: string
  year: number
  studies: Study[]
  /** The article's own "Sources :" line, if it has one. */
  sourcesLine?: string
  /** Publisher's footer (address, hours…): metadata, never searched. */
  footer: string[]
}

export interface Section {
  /** Headings from the outermost in. */
  path: string[]
  exposure?: Exposure
  /** Canonical job names of a job section ("monteur vidéo"). */
  jobs: string[]
  paragraphs: string[]
}

export interface CorpusDocument {
  meta: DocumentMeta
  file: string
  sections: Section[]
}

export interface CorpusRecord {
  /** `${documentId}#p3` for passages, `#q2` for quotes: stable for a given corpus text. */
  id: string
  documentId: string
  kind: 'passage' | 'quote'
  /** Verbatim text: 1–3 whole sentences, or the whole sentence that carries a quote. */
  text: string
  section: string[]
  /** For quotes: the words between the quotation marks, and who says them. */
  quote?: string
  speaker?: string
  /** For job sections: the section's heading, the jobs it covers and the article's classification. */
  job?: { name: string; jobs: string[]; exposure: Exposure }
  /** Questions this record answers (corpus/<document>.questions.yaml): searched, never shown. */
  questions?: string[]
  /**
   * The publisher's address, hours and telephone (the document's footer): searched and shown when asked
   * for, never part of the tour or of the document's passage count.
   */
  contact?: true
  /** Position in the document, for the guided tour and stable ordering. */
  ordinal: number
}

/** Words that show what a question asks for, beyond its topic (see src/search/framing.ts). */
export interface IntentCues {
  /** « citation », « ce qu'a dit »: a quotation is wanted. */
  quote: string[]
  /** « je suis », « je commence comme »: the words that follow name the asker's job. */
  self: string[]
  /** « quels métiers »: the job map belongs in the answer. */
  jobs: string[]
  /** « notre tournage », « chez nous »: the question is about the team's own affairs. */
  local: string[]
  /** « combien coûte », « quel prix »: a price is asked (an article's costs are not one). */
  price: string[]
  /**
   * « salaire », « payé combien »: what someone earns is asked, an amount too; unlike `price`, these words
   * stay words of the question (« salaire » is still a word the article never uses).
   */
  pay: string[]
  /** « demain », « ce week-end »: the question is about a moment close to the asker, not a topic. */
  moment: string[]
  /** « à quelle heure », « c'est quand »: a time is asked; with a moment close to the asker, a schedule. */
  when: string[]
}

export interface Thesaurus {
  concepts: ThesaurusConcept[]
  /** Words that carry no topic anywhere (dropped from questions and from the index). */
  ignore: string[]
  /** Words and phrases that only frame a question (greetings, « en gros », « je commence lundi »). */
  framing: string[]
  intents: IntentCues
  /** Chat spellings read as the words they stand for (« koi » → quoi, « lia » → l'IA), before analysis. */
  sms: Record<string, string>
  names: string[]
}

/** Word or phrase a person may type (lower case) → the corpus words it leads to. No prototype: any key is safe. */
export type WordLinks = Record<string, string[]>

export interface Corpus {
  documents: CorpusDocument[]
  records: CorpusRecord[]
  thesaurus: Thesaurus
  /** French synonyms from every synonyms.*.yaml (generated from a thesaurus: weigh less than the words). */
  synonyms: WordLinks
  /** Other languages' words (English…) from every glossary.*.yaml, leading to the corpus's French words. */
  glossary: WordLinks
  /** Short hash of every file's content: changes whenever the corpus does. */
  version: string
}
