import { encodeAction } from '../answers/actions.js'
import type { Action, Answer } from '../answers/answer.js'
import type { Requester } from '../answers/requester.js'
import type { Logger } from '../logger.js'
import type { QueryOutcome, Store } from '../storage/store.js'

// A cached answer is recorded at every hit: its list of ids is built once.
const resultIds = new WeakMap<Answer, string[]>()
function resultIdsOf(answer: Answer): string[] {
  let ids = resultIds.get(answer)
  if (!ids) {
    ids = answer.items.map((item) => item.id)
    resultIds.set(answer, ids)
  }
  return ids
}

/**
 * What the answer gave: nothing (`empty`: refused), the article's closest passages (a search whose tier is
 * « Le plus proche dans l'article »), or what was asked.
 */
export function outcomeOf(answer: Answer): QueryOutcome {
  if (answer.kind === 'empty') return 'refused'
  return answer.kind === 'results' && answer.tier === 'closest' ? 'closest' : 'direct'
}

/** Records questions and votes in the store, if there is one; recording never costs the user an answer. */
export class UsageRecorder {
  constructor(
    private readonly store: Store | undefined,
    private readonly userKey: ((requester: Requester) => string | undefined) | undefined,
    private readonly logger: Logger | undefined,
  ) {}

  /** Records a question and what it answered; returns the question's key for the feedback buttons. */
  query(requester: Requester, command: string, query: string, answer: Answer): string | undefined {
    let key: string | undefined
    this.safely(() => {
      key = this.store?.recordQuery({
        platform: requester.platform,
        userHash: this.userKey?.(requester),
        command,
        query,
        outcome: outcomeOf(answer),
        resultIds: resultIdsOf(answer),
      })
    })
    return key
  }

  feedback(requester: Requester, recordId: string, queryKey: string | undefined, helpful: boolean): void {
    this.safely(() =>
      this.store?.recordFeedback({
        platform: requester.platform,
        userHash: this.userKey?.(requester),
        recordId,
        ...(queryKey ? { queryKey } : {}),
        helpful,
      }),
    )
  }

  /** 👍 / 👎 under every passage shown, carrying the question's key so the vote is tied to it. */
  withFeedback(answer: Answer, queryKey: string | undefined): Answer {
    if (!this.store || answer.items.length === 0) return answer
    const votes: Action[] = answer.items.flatMap((item) => [
      {
        kind: 'feedback',
        label: '👍',
        id: encodeAction({ kind: 'feedback', helpful: true, recordId: item.id, queryKey }),
        itemId: item.id,
      },
      {
        kind: 'feedback',
        label: '👎',
        id: encodeAction({ kind: 'feedback', helpful: false, recordId: item.id, queryKey }),
        itemId: item.id,
      },
    ])
    return { ...answer, actions: [...answer.actions, ...votes] }
  }

  private safely(run: () => void): void {
    try {
      run()
    } catch (error) {
      this.logger?.warn({ err: error }, 'could not record usage')
    }
  }
}
