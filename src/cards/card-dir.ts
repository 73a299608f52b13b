import { tmpdir } from 'node:os'
import path from 'node:path'

/**
 * Where a card is written when nobody says where (« carte 1 » in the console chat, `npm run card` without
 * -o): the temporary folder, out of the way of the working copy and of whatever folder the command ran in.
 */
export const CARD_DIR = path.join(tmpdir(), 'ia-cinema-cartes')
