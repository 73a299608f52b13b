import { EXPOSURE_LABELS } from '../../answers/answer.js'
import { jobMap } from '../../answers/items.js'
import type { CorpusRecord } from '../../corpus/types.js'
import { documentView } from '../corpus-view.js'
import { deskHref, type Html, html, recordAnchor } from '../html.js'
import { type PageContext, page } from './layout.js'
import { attachForm } from './questions-page.js'

const documentHref = (id: string, attach?: string) =>
  deskHref(`/corpus/${encodeURIComponent(id)}`, { attach })

/** « Le corpus »: the documents, with their counts, and the job map as the article classifies jobs. */
export function corpusPage(context: PageContext): Html {
  const { words, engine } = context
  const jobs = jobMap(engine)
  const body = html`<h1>${words.corpusTitle}</h1>
<h2>${words.documents}</h2>
<ul class="documents">${engine.documents.map((document) => {
    const view = documentView(engine, document)
    return html`<li><a href="${documentHref(document.meta.id)}">${document.meta.title}</a>
<small>${document.meta.publisher}, ${document.meta.year} · ${view.passages} ${words.passages} · ${view.quotes} ${words.quotes} · ${view.questionCount} ${words.questionsFile}</small></li>`
  })}</ul>
${
  jobs.length > 0
    ? html`<h2>${words.jobMap}</h2><ul class="jobs">${jobs.map(
        (job) =>
          html`<li><span class="exposure ${exposureClass(job.exposure)}">${EXPOSURE_LABELS[job.exposure].emoji} ${EXPOSURE_LABELS[job.exposure].fr}</span> <strong>${job.name}</strong> <small>${job.jobs.join(', ')}</small><br>${job.summary}</li>`,
      )}</ul>`
    : ''
}`
  return page(context, { title: words.corpusTitle, tab: 'corpus', body })
}

function exposureClass(exposure: string): string {
  return exposure === 'menacé' ? 'threatened' : exposure === 'évolue' ? 'evolving' : 'resisting'
}

function record(
  context: PageContext,
  item: CorpusRecord,
  questions: string[],
  attach: string | undefined,
): Html {
  const { words } = context
  const text =
    item.kind === 'quote' && item.quote
      ? html`<blockquote>« ${item.quote} »</blockquote><p class="speaker">${words.speaker} ${item.speaker ?? '?'}</p><p class="context">${item.text}</p>`
      : html`<p>${item.text}</p>`
  return html`<article id="${recordAnchor(item.id)}" class="record ${item.kind}">
<p class="rid">${item.id.split('#').at(-1)}</p>
${text}
${questions.length > 0 ? html`<details open><summary>${words.passageQuestions} (${questions.length})</summary><ul class="asked">${questions.map((q) => html`<li>${q}</li>`)}</ul></details>` : ''}
${attach ? attachForm(context, { question: attach, recordId: item.id, scope: 'passage' }, words.attachHere) : ''}
</article>`
}

/** One document: sections, passages, quotes with their speakers, and the questions attached to each. */
export function documentPage(
  context: PageContext,
  documentId: string,
  attach: string | undefined,
): Html | undefined {
  const { words, engine } = context
  const document = engine.document(documentId)
  if (!document) return undefined
  const view = documentView(engine, document)
  const attaching = context.role === 'editor' ? attach : undefined
  const body = html`<h1>${document.meta.title}</h1>
<p class="meta">${document.meta.publisher}, ${document.meta.year} · <a href="${document.meta.url}" rel="noreferrer">${document.meta.url}</a></p>
${attaching ? html`<p class="notice attaching">${words.attachingQuestion} <strong>« ${attaching} »</strong> — <a href="${documentHref(document.meta.id)}">${words.cancel}</a></p>` : ''}
${view.sections.map(({ section, records, questions }, index) => {
  const first = records[0]
  return html`<section id="s-${index}" class="section depth-${Math.min(section.path.length, 4)}">
<h2>${section.path.at(-1) ?? document.meta.title}${section.exposure ? html` <span class="exposure ${exposureClass(section.exposure)}">${EXPOSURE_LABELS[section.exposure].emoji} ${EXPOSURE_LABELS[section.exposure].fr}</span>` : ''}</h2>
${section.path.length > 1 ? html`<p class="path">${section.path.slice(0, -1).join(' › ')}</p>` : ''}
${section.jobs.length > 0 ? html`<p class="jobs-line">${section.jobs.join(', ')}</p>` : ''}
${questions.length > 0 ? html`<details><summary>${words.sectionQuestions} (${questions.length})</summary><ul class="asked">${questions.map((q) => html`<li>${q}</li>`)}</ul></details>` : ''}
${attaching && first && section.path.length > 0 ? attachForm(context, { question: attaching, recordId: first.id, scope: 'section' }, `${words.attachHere} (${words.attachToSection})`, 'link') : ''}
${records.map((r) => record(context, r, view.passageQuestions.get(r.id) ?? [], attaching))}
</section>`
})}`
  return page(context, { title: document.meta.title, tab: 'corpus', body })
}
