/**
 * The house rule, read from the sources themselves: every import between the project's folders points down
 * the layers (docs/design.md, "Layers"), and no folder depends on itself through another.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** Each folder (or root module) and the folders it may import from. A folder may always import itself. */
const LAYERS: Record<string, string[]> = {
  'src/text': [],
  'src/corpus': ['src/text'],
  'src/search': ['src/corpus', 'src/text'],
  'src/eval': ['src/search', 'src/corpus', 'src/text'],
  'src/answers': ['src/search', 'src/corpus', 'src/text'],
  commands: ['src/answers', 'src/search', 'src/corpus', 'src/text'],
  // Support modules: configuration and logging, for the outer layers only.
  'src/logger.ts': [],
  'src/config': [],
  'src/config.ts': ['src/config'],
  // Node's HTTP servers as every server of the bot runs them (routes, shutdown): nothing of the bot's own.
  'src/http': [],
  'src/storage': ['src/text', 'src/logger.ts'],
  'src/bot': [
    'commands',
    'src/answers',
    'src/search',
    'src/corpus',
    'src/text',
    'src/storage',
    'src/logger.ts',
    'src/config.ts',
  ],
  'src/cards': ['src/answers', 'src/corpus', 'src/text', 'src/logger.ts'],
  'src/operations': [
    'src/bot',
    'src/http',
    'src/cards',
    'src/storage',
    'commands',
    'src/answers',
    'src/search',
    'src/corpus',
    'src/text',
    'src/logger.ts',
    'src/config.ts',
  ],
  // The editor's desk: a web page beside the bot, over the engine it serves and what the store recorded.
  'src/desk': [
    'src/bot',
    'src/http',
    'src/storage',
    'commands',
    'src/answers',
    'src/search',
    'src/corpus',
    'src/text',
    'src/logger.ts',
    'src/config.ts',
  ],
  'src/adapters': [
    'src/bot',
    'src/http',
    'src/cards',
    'commands',
    'src/answers',
    'src/search',
    'src/corpus',
    'src/text',
    'src/logger.ts',
    'src/config.ts',
  ],
  'src/main.ts': [
    'src/adapters',
    'src/desk',
    'src/http',
    'src/operations',
    'src/bot',
    'src/cards',
    'src/storage',
    'commands',
    'src/answers',
    'src/search',
    'src/corpus',
    'src/text',
    'src/logger.ts',
    'src/config.ts',
  ],
}
const ADAPTERS = path.join('src', 'adapters')

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(relative)
    return entry.name.endsWith('.ts') ? [relative] : []
  })
}

/** The layer a file belongs to: the longest key of LAYERS that is the file or one of its folders. */
function layerOf(file: string): string | undefined {
  const posix = file.split(path.sep).join('/')
  return Object.keys(LAYERS)
    .filter((key) => posix === key || posix.startsWith(`${key}/`))
    .sort((a, b) => b.length - a.length)[0]
}

/** For an adapter file, its own adapter folder (slack, discord, console, cli), if any. */
function adapterOf(file: string): string | undefined {
  const relative = path.relative(ADAPTERS, file)
  if (relative.startsWith('..')) return undefined
  const parts = relative.split(path.sep)
  return parts.length > 1 ? parts[0] : undefined
}

interface Edge {
  from: string
  to: string
}

/** Every relative import (static, re-export, dynamic `import()`) between the project's source files. */
function importEdges(): Edge[] {
  const files = [...sourceFiles('src'), ...sourceFiles('commands')]
  return files.flatMap((file) => {
    const text = readFileSync(path.join(ROOT, file), 'utf8')
    const info = ts.preProcessFile(text, true, true)
    const specifiers = [
      ...info.importedFiles.map((f) => f.fileName),
      // Type positions: `import('../x.js').Y`.
      ...[...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] as string),
    ]
    return specifiers
      .filter((specifier) => specifier.startsWith('.'))
      .map((specifier) => ({
        from: file,
        to: path.normalize(path.join(path.dirname(file), specifier)).replace(/\.js$/, '.ts'),
      }))
  })
}

const edges = importEdges()

describe('layers', () => {
  it('reads the imports of every source file', () => {
    // A broken reader would find nothing and let everything pass.
    expect(edges.length).toBeGreaterThan(150)
    expect(edges).toContainEqual({
      from: path.join('src', 'search', 'engine.ts'),
      to: path.join('src', 'search', 'analyzer.ts'),
    })
  })

  it('puts every source file in a layer', () => {
    const unplaced = [...new Set(edges.flatMap((e) => [e.from, e.to]))].filter((f) => !layerOf(f))
    expect(unplaced).toEqual([])
  })

  it('has no import that points up or sideways', () => {
    const wrong = edges
      .map((edge) => ({ ...edge, fromLayer: layerOf(edge.from), toLayer: layerOf(edge.to) }))
      .filter(
        ({ fromLayer, toLayer }) =>
          fromLayer !== undefined &&
          toLayer !== undefined &&
          fromLayer !== toLayer &&
          !(LAYERS[fromLayer] ?? []).includes(toLayer),
      )
      .map(({ from, to, fromLayer, toLayer }) => `${from} (${fromLayer}) → ${to} (${toLayer})`)
    expect(wrong).toEqual([])
  })

  it('keeps each platform adapter to itself (shared code lives below the adapters)', () => {
    const crossing = edges
      .filter((edge) => {
        const from = adapterOf(edge.from)
        const to = adapterOf(edge.to)
        return from !== undefined && to !== undefined && from !== to
      })
      .map(({ from, to }) => `${from} → ${to}`)
    expect(crossing).toEqual([])
  })

  it('has no cycle between folders', () => {
    const graph = new Map<string, Set<string>>()
    for (const edge of edges) {
      const from = layerOf(edge.from)
      const to = layerOf(edge.to)
      if (!from || !to || from === to) continue
      graph.set(from, (graph.get(from) ?? new Set()).add(to))
    }
    const cycles: string[] = []
    const visit = (node: string, trail: string[]) => {
      for (const next of graph.get(node) ?? []) {
        if (trail.includes(next)) cycles.push([...trail.slice(trail.indexOf(next)), next].join(' → '))
        else visit(next, [...trail, next])
      }
    }
    for (const node of graph.keys()) visit(node, [node])
    expect(cycles).toEqual([])
  })

  it('allows no layer to reach a layer that may reach it back', () => {
    // The rules themselves must be a hierarchy, or a cycle could be written without breaking any rule.
    const reaches = (from: string, to: string, seen = new Set<string>()): boolean =>
      (LAYERS[from] ?? []).some(
        (next) => next === to || (!seen.has(next) && reaches(next, to, seen.add(next))),
      )
    const mutual = Object.keys(LAYERS).filter((layer) => reaches(layer, layer))
    expect(mutual).toEqual([])
  })
})
