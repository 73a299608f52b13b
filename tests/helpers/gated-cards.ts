import { CardRenderer, type CardSource } from '../../src/cards/card-renderer.js'

/**
 * Real cards that can be held back: `hold()` makes the next cards wait until the function it returns is
 * called, so a test can show that a click was acknowledged before its card was drawn.
 */
export function gatedCards(): { cards: CardSource; renderer: CardRenderer; hold(): () => void } {
  const renderer = new CardRenderer()
  let gate: Promise<void> = Promise.resolve()
  return {
    renderer,
    cards: {
      async card(item, version, format) {
        await gate
        return renderer.card(item, version, format)
      },
    },
    hold() {
      let open = () => {}
      gate = new Promise((resolve) => {
        open = resolve
      })
      return open
    },
  }
}
