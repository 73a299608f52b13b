/** The few French sentences the adapter writes itself (everything else comes from the bot). */
export const MESSAGES = {
  failure: 'Désolé, je n’ai pas pu répondre cette fois-ci. Réessayez dans un instant.',
  cannotPost:
    'Je ne peux pas publier dans ce canal : invitez-moi d’abord avec `/invite @ia-cinema`, puis réessayez.',
  shareNeedsChannel: 'Le partage se fait depuis un canal : lancez `/ia-cinema` dans le canal voulu.',
  unknownButton: 'Ce bouton n’est plus valable. Relancez `/ia-cinema`.',
} as const
