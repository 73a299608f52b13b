import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ImportError } from '../../../src/corpus/import/errors.js'
import { writeDocument } from '../../../src/corpus/import/write-document.js'

describe('writeDocument', () => {
  it('writes <id>.md and leaves no temporary file; never replaces a file already there', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ia-cinema-write-'))
    expect(await writeDocument(dir, 'note', 'texte\n')).toBe(path.join(dir, 'note.md'))
    expect(await readdir(dir)).toEqual(['note.md'])

    const error = await writeDocument(dir, 'note', 'autre texte\n').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ImportError)
    expect((error as ImportError).code).toBe('IMPORT_DUPLICATE')
    expect(await readFile(path.join(dir, 'note.md'), 'utf8')).toBe('texte\n')
    expect(await readdir(dir)).toEqual(['note.md'])
  })

  it('fails in one line when the folder cannot take the file, leaving nothing', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ia-cinema-write-'))
    const notAFolder = path.join(dir, 'fichier')
    await writeFile(notAFolder, '')
    const error = await writeDocument(notAFolder, 'note', 'texte\n').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ImportError)
    expect((error as ImportError).code).toBe('IMPORT_WRITE_FAILED')
    expect((error as ImportError).message).toMatch(/note\.md: cannot be written \(ENOTDIR\)$/)
    expect(await readdir(dir)).toEqual(['fichier'])
  })
})
