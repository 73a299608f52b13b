/** Why a card could not be made. Adapters catch it and tell the user in one French sentence. */
export class CardError extends Error {
  constructor(
    readonly code: 'NOT_A_QUOTE' | 'QUOTE_TOO_LONG',
    message: string,
  ) {
    super(message)
    this.name = 'CardError'
  }
}
