import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tscDiagnostics } from './tsc-diagnostics'

const root = join(import.meta.dirname, '..', '..')

/** A scratch folder holding `files`, name → text. */
function scratch(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsc-diagnostics-'))
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  return dir
}

const options = { noEmit: true, strict: true, types: [] }

describe('tscDiagnostics', () => {
  it("reads tsc's errors with their file, line, code and the whole message", async () => {
    const dir = scratch({
      'tsconfig.json': JSON.stringify({ compilerOptions: options, files: ['a.ts'] }),
      'a.ts': 'export const f = (g: (x: string) => void) => g\nf((x: number) => x)\n',
    })
    const [diagnostic, ...others] = await tscDiagnostics(root, join(dir, 'tsconfig.json'))
    expect(others).toEqual([])
    expect(diagnostic?.file).toMatch(/\/a\.ts$/)
    expect(diagnostic).toMatchObject({ line: 2, code: 'TS2345' })
    expect(diagnostic?.message).toMatch(/not assignable[\s\S]*\n +Types of parameters/)
  }, 30_000)

  it('reads an error tied to no file as one, with no file', async () => {
    const dir = scratch({
      'tsconfig.json': JSON.stringify({ compilerOptions: options, files: ['missing.ts'] }),
    })
    const diagnostics = await tscDiagnostics(root, join(dir, 'tsconfig.json'))
    expect(diagnostics).toMatchObject([{ file: '', line: 0, code: 'TS6053' }])
  }, 30_000)

  it('fails, naming the path, when there is no tsc there', async () => {
    const tsc = join(tmpdir(), 'no-such-dir', 'tsc')
    await expect(tscDiagnostics(root, 'tsconfig.json', tsc)).rejects.toThrow(
      /no-such-dir\/tsc.*did not check.*exited with 1 reporting no error.*Cannot find module/s
    )
  })

  it('fails with its stderr when tsc exits reporting nothing on stdout', async () => {
    const dir = scratch({ 'tsc.mjs': "console.error('out of memory'); process.exit(2)\n" })
    await expect(tscDiagnostics(root, 'tsconfig.json', join(dir, 'tsc.mjs'))).rejects.toThrow(
      /exited with 2 reporting no error; its stderr:\nout of memory/
    )
  })

  it('fails when tsc dies of a signal, whatever it printed before', async () => {
    const dir = scratch({
      'tsc.mjs':
        "console.log('a.ts(1,1): error TS2304: x'); process.kill(process.pid, 'SIGKILL')\n",
    })
    await expect(tscDiagnostics(root, 'tsconfig.json', join(dir, 'tsc.mjs'))).rejects.toThrow(
      /killed by SIGKILL/
    )
  })

  it('fails when tsc panics after printing errors, exiting 2 as it does on errors', async () => {
    const dir = scratch({
      'tsc.mjs':
        "console.log('a.ts(1,1): error TS2304: x'); console.error('panic: nil map'); process.exit(2)\n",
    })
    await expect(tscDiagnostics(root, 'tsconfig.json', join(dir, 'tsc.mjs'))).rejects.toThrow(
      /exited with 2; its stderr:\npanic: nil map/
    )
  })
})
