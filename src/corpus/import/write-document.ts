import { randomBytes } from 'node:crypto'
import { link, rename, stat, unlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { ImportError } from './errors.js'

/**
 * Writes `<id>.md` into the corpus folder all at once: the text goes to a hidden temporary file in the same
 * folder (the loader skips dot files, so a reload in between never sees half a document), which is then
 * linked to its name — an operation that fails rather than replace a file that appeared meanwhile.
 * On any failure nothing is left behind. Returns the path written.
 */
export async function writeDocument(corpusDir: string, id: string, text: string): Promise<string> {
  const target = path.join(corpusDir, `${id}.md`)
  const temporary = path.join(corpusDir, `.${id}.md.${randomBytes(4).toString('hex')}.tmp`)
  try {
    await writeFile(temporary, text, { flag: 'wx' })
    try {
      await link(temporary, target)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'EEXIST') throw exists(target)
      // Some file systems have no hard links: check, then rename (not atomic against a concurrent writer).
      if (
        await stat(target).then(
          () => true,
          () => false,
        )
      )
        throw exists(target)
      await rename(temporary, target)
    }
    return target
  } catch (error) {
    if (error instanceof ImportError) throw error
    const reason =
      (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error))
    throw new ImportError('IMPORT_WRITE_FAILED', `${target}: cannot be written (${reason})`)
  } finally {
    await unlink(temporary).catch(() => undefined)
  }
}

function exists(target: string): ImportError {
  return new ImportError('IMPORT_DUPLICATE', `${target} already exists (choose another name with --id)`)
}
