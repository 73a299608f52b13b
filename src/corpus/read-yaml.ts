import { CORE_SCHEMA, load } from 'js-yaml'

/**
 * YAML as the corpus reads it: the YAML 1.2 core schema (dates and « yes » stay strings, as the schemas
 * expect), duplicate keys refused. js-yaml rather than `yaml` (which still writes the files, keeping their
 * comments): reading the thesaurus, the glossary and a thousand front matters took 4–5× longer with `yaml`,
 * and a start or a reload pays it.
 */
export function readYaml(text: string): unknown {
  return load(text, { schema: CORE_SCHEMA })
}
