/** The few French sentences the adapter writes itself (everything else comes from the bot). */
export const MESSAGES = {
  failure: 'Désolé, je n’ai pas pu répondre cette fois-ci. Réessayez dans un instant.',
  cannotPost:
    'Je ne peux pas publier dans ce canal : invitez-moi d’abord avec `/invite @ia-cinema`, puis réessayez.',
  shareNeedsChannel: 'Le partage se fait depuis un canal : lancez `/ia-cinema` dans le canal voulu.',
  cardNeedsScope:
    'Je n’ai pas le droit d’envoyer des images ici : l’application Slack doit être réinstallée avec le droit `files:write`.',
  cardFailed: 'Désolé, la carte n’a pas pu être créée. La citation reste partageable en texte.',
  cardAlreadyPosted:
    'Cette carte vient déjà d’être envoyée ici : elle apparaît dans le canal dans un instant, s’il n’y est pas déjà.',
  unknownButton: 'Ce bouton n’est plus valable. Relancez `/ia-cinema`.',
} as const
