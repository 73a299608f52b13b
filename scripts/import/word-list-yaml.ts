import { Document, isSeq, visit } from 'yaml'

/** A corpus word list (synonyms.*.yaml, glossary.*.yaml) as the loader reads it: one entry per line. */
export function wordListYaml(
  script: string,
  source: Record<string, string>,
  entries: Record<string, string[]>,
) {
  const document = new Document({ source, entries })
  visit(document, {
    Seq(_, node) {
      if (isSeq(node)) node.flow = true
    },
  })
  const header = `# Généré par \`npm run ${script}\` — ne pas éditer à la main (provenance : lexicon/README.md).\n`
  return header + document.toString({ lineWidth: 0, flowCollectionPadding: false })
}
