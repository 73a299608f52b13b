import type { CorpusRecord } from '../../corpus/types.js'
import { deskHref, type Html, html, shorten } from '../html.js'
import { type Outcome, rankOf } from '../outcome.js'
import { type PageContext, page } from './layout.js'
import { passageLink } from './questions-page.js'

export interface AttachedNote {
  status: 'added' | 'present'
  file?: string
  /** The passage (or, for a section, its records) the question was attached to. */
  targets: ReadonlySet<string>
}

function verdict(context: PageContext, outcome: Outcome): Html {
  const { words } = context
  if (outcome.kind === 'refused')
    return html`<p class="verdict refused" data-outcome="refused">${words.outcomeRefused}</p><p>${words.whyRefused}</p>`
  const missing = outcome.missing.map((w) => `« ${w} »`).join(', ')
  return html`<p class="verdict ${outcome.kind}" data-outcome="${outcome.kind}">${
    outcome.kind === 'direct' ? words.outcomeDirect : words.outcomeClosest
  }</p>${outcome.kind === 'closest' ? html`<p>${words.missingWords(missing)}</p>` : ''}`
}

function hit(record: CorpusRecord, targets: ReadonlySet<string> | undefined): Html {
  return html`<li class="${targets?.has(record.id) ? 'target' : ''}" data-record="${record.id}"><a href="${passageLink(record)}">${record.id.split('#').at(-1)}</a> <small>${record.section.join(' › ')}</small><br>${shorten(record.text, 240)}</li>`
}

/** « Ce que le bot répond »: a question run on the serving corpus, after an attach or on its own. */
export function answerPage(
  context: PageContext,
  question: string | undefined,
  outcome: Outcome | undefined,
  attached?: AttachedNote,
): Html {
  const { words } = context
  const rank = attached && outcome ? rankOf(outcome, attached.targets) : undefined
  const body = html`<h1>${words.tryTitle}</h1>
<form method="get" action="/desk/answer" class="try"><label>${words.tryLabel} <input type="text" name="question" value="${question ?? ''}" maxlength="500" required></label> <button type="submit">${words.tryButton}</button></form>
${
  attached
    ? html`<p class="notice ok" data-attach="${attached.status}">${attached.status === 'added' ? words.attached : words.alreadyThere}${attached.file ? html` ${words.writtenTo} <code>${attached.file}</code>.` : ''}</p>`
    : ''
}
${
  outcome && question
    ? html`<h2>« ${question} »</h2>${verdict(context, outcome)}
${attached && outcome.kind !== 'refused' ? html`<p class="rank">${rank === 1 ? words.targetFirst : rank ? words.targetRank(rank) : words.targetMissing}</p>` : ''}
<ol class="hits">${outcome.records.map((r) => hit(r, attached?.targets))}</ol>`
    : ''
}
<p><a href="${deskHref('/questions')}">${words.navQuestions}</a></p>`
  return page(context, { title: words.tryTitle, tab: 'try', body })
}
