/**
 * src/context stands alone: a Worker copies the folder and nothing else. Its core never
 * imports a crossing, so a forker deletes the crossings they do not need, file by file.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..', '..')
const kit = join(root, 'src', 'context')
const files = readdirSync(kit, { recursive: true, encoding: 'utf8' })
  .filter((path) => path.endsWith('.ts'))
  .map((path) => join(kit, path))

/** Every relative import of `file`, resolved to a project path (`src/context/x`). */
const relativeImports = (file: string): string[] =>
  [...readFileSync(file, 'utf8').matchAll(/^(?:import|export)[^'"]*from '(\.[^']*)'/gm)].map(
    (match) => relative(root, resolve(dirname(file), match[1] as string))
  )

describe('the context kit', () => {
  it('has a core and crossings', () => {
    const names = files.map((file) => relative(kit, file))
    expect(names).toContain('context-storage.ts')
    expect(names.some((name) => name.startsWith('crossings/'))).toBe(true)
  })

  it.each(files.map((file) => [relative(root, file), file]))(
    '%s imports nothing from outside src/context',
    (_name, file) => {
      const outside = relativeImports(file).filter((path) => !path.startsWith('src/context/'))
      expect(outside).toEqual([])
    }
  )

  it.each(
    files.filter((file) => dirname(file) === kit).map((file) => [relative(root, file), file])
  )('%s, of the core, imports no crossing', (_name, file) => {
    expect(
      relativeImports(file).filter((path) => path.startsWith('src/context/crossings/'))
    ).toEqual([])
  })
})
