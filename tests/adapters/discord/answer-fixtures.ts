/** Hand-made answer items for renderer tests, shaped like the core's (see src/answers/answer.ts). */

import type { AnswerItem } from '../../../src/answers/answer.js'

export const EDITORS_TEXT =
  'Les logiciels d’IA automatisent le montage de base, notamment pour les formats courts.'

export const EDITORS: AnswerItem = {
  id: 'ia-emploi-cinema-audiovisuel#p11',
  kind: 'passage',
  text: EDITORS_TEXT,
  segments: [
    { text: 'Les logiciels d’IA automatisent le ', match: false },
    { text: 'montage', match: true },
    { text: ' de base, notamment pour les formats courts.', match: false },
  ],
  section: ['Les métiers menacés', 'Les monteurs vidéo (juniors)'],
  source: {
    documentId: 'ia-emploi-cinema-audiovisuel',
    title: 'IA & emploi dans le cinéma et l’audiovisuel',
    url: 'https://example.org/ia-emploi',
    publisher: 'KILL THE TAPE',
    year: 2025,
  },
  link: 'https://example.org/ia-emploi#:~:text=Les%20logiciels',
  job: { name: 'Les monteurs vidéo (juniors)', exposure: 'menacé' },
}
