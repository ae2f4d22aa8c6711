/** Runs the project's own tsc on a tsconfig and reads back its errors. */
import { execFile } from 'node:child_process'
import { join } from 'node:path'

export interface Diagnostic {
  /** As tsc prints it: relative to the working directory. */
  readonly file: string
  /** From 1; 0 for an error tied to no file. */
  readonly line: number
  /** `TS2304`; `TS1xxx` are syntax errors. */
  readonly code: string
  readonly message: string
}

const DIAGNOSTIC = /^(.+?)\((\d+),\d+\): error (TS\d+): (.*)$/

export function tscDiagnostics(root: string, project: string): Promise<Diagnostic[]> {
  const bin = join(root, 'node_modules', 'typescript', 'bin', 'tsc')
  return new Promise((resolve) => {
    // tsc exits non-zero when it reports errors: its output is the answer either way.
    execFile(process.execPath, [bin, '-p', project, '--pretty', 'false'], (_error, stdout) => {
      const lines = stdout.split('\n').filter((line) => line.trim())
      resolve(
        lines.map((line) => {
          const [, file = '', at = '0', code = '', message = line] = DIAGNOSTIC.exec(line) ?? []
          return { file: file.replaceAll('\\', '/'), line: Number(at), code, message }
        })
      )
    })
  })
}
