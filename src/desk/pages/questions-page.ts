import type { CorpusRecord } from '../../corpus/types.js'
import type { AttachScope } from '../attach.js'
import { deskHref, type Html, html, recordAnchor, shorten } from '../html.js'
import type { Queue, QueueItem } from '../queue.js'
import { hiddenFields, type PageContext, page } from './layout.js'

/** The one-click form: this question onto this passage (or its section). Editors only. */
export function attachForm(
  context: PageContext,
  fields: { question: string; recordId: string; scope: AttachScope },
  label: string,
  style: 'primary' | 'link' = 'primary',
): Html {
  if (context.role !== 'editor') return html``
  return html`<form method="post" action="/desk/attach" class="attach">${hiddenFields({
    csrf: context.csrf,
    question: fields.question,
    record: fields.recordId,
    scope: fields.scope,
  })}<button type="submit" class="${style}">${label}</button></form>`
}

export function passageLink(record: CorpusRecord): string {
  return `${deskHref(`/corpus/${encodeURIComponent(record.documentId)}`)}#${recordAnchor(record.id)}`
}

function item(context: PageContext, entry: QueueItem): Html {
  const { words } = context
  const { nearest } = entry
  const tags = [
    entry.unanswered > 0 ? words.unansweredTag(entry.unanswered) : undefined,
    ...entry.disliked.map(
      (d) => `${words.dislikedTag(d.down)} ${words.dislikedOn} ${d.recordId.split('#').at(-1)}`,
    ),
  ].filter(Boolean)
  const chooseOther = nearest
    ? deskHref(`/corpus/${encodeURIComponent(nearest.documentId)}`, { attach: entry.query })
    : deskHref('/corpus')
  return html`<article class="question">
<h3>« ${entry.query} »</h3>
<p class="tags">${tags.join(' · ')}</p>
${
  nearest
    ? html`<p class="nearest-label">${words.nearestPassage} (<a href="${passageLink(nearest)}">${nearest.id.split('#').at(-1)}</a>) :</p>
<blockquote>${shorten(nearest.text, 280)}</blockquote>`
    : ''
}
<div class="actions">
${nearest ? attachForm(context, { question: entry.query, recordId: nearest.id, scope: 'passage' }, words.attachToPassage) : ''}
${nearest?.section.length ? attachForm(context, { question: entry.query, recordId: nearest.id, scope: 'section' }, words.attachToSection, 'link') : ''}
${context.role === 'editor' ? html`<a href="${chooseOther}">${words.otherPassage}</a>` : ''}
<a href="${deskHref('/answer', { question: entry.query })}">${words.tryTitle}</a>
</div>
</article>`
}

/** « Questions à traiter »: unanswered and 👎 questions under their closest section, each one click from fixed. */
export function questionsPage(context: PageContext, queue: Queue): Html {
  const { words } = context
  const body = html`<h1>${words.questionsTitle}</h1>
<p class="intro">${words.questionsIntro}</p>
${queue.groups.length === 0 ? html`<p class="notice">${words.noQuestions}</p>` : ''}
${queue.groups.map(
  (group) => html`<section class="group">
<h2>${group.section.at(-1) ?? '—'} <small>${group.section.slice(0, -1).join(' › ')}</small></h2>
${group.items.map((entry) => item(context, entry))}
</section>`,
)}
${
  queue.handled.length > 0
    ? html`<details class="handled"><summary>${words.answeredNow} (${queue.handled.length})</summary><ul>${queue.handled.map(
        (entry) =>
          html`<li><a href="${deskHref('/answer', { question: entry.query })}">« ${entry.query} »</a></li>`,
      )}</ul></details>`
    : ''
}`
  return page(context, { title: words.questionsTitle, tab: 'questions', body })
}
