/** Runs the project's own tsc on a tsconfig and reads back its errors. */
import { type ExecFileException, execFile } from 'node:child_process'
import { join } from 'node:path'

export interface Diagnostic {
  /** As tsc prints it: relative to the working directory; '' for an error tied to no file. */
  readonly file: string
  /** From 1; 0 for an error tied to no file. */
  readonly line: number
  /** `TS2304`; `TS1xxx` are syntax errors. */
  readonly code: string
  readonly message: string
}

const IN_FILE = /^(?<file>.+?)\((?<at>\d+),\d+\): error (?<code>TS\d+): (?<message>.*)$/
const NO_FILE = /^error (?<code>TS\d+): (?<message>.*)$/

function parse(stdout: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = []
  for (const line of stdout.split('\n')) {
    if (!line.trim()) continue
    const last = diagnostics.at(-1)
    // The rest of a message's chain ("Types of parameters … are incompatible"), indented.
    if (last && /^\s/.test(line)) {
      diagnostics[diagnostics.length - 1] = { ...last, message: `${last.message}\n${line}` }
      continue
    }
    const groups = (IN_FILE.exec(line) ?? NO_FILE.exec(line))?.groups ?? {}
    const { file = '', at = '0', code = '', message = line } = groups
    diagnostics.push({ file: file.replaceAll('\\', '/'), line: Number(at), code, message })
  }
  return diagnostics
}

const tail = (text: string) => text.trim().split('\n').slice(-20).join('\n')

/**
 * Why tsc's run says nothing about the project, or undefined if its output is the answer:
 * exit 0, or exit 1 or 2 (outputs skipped or not) with the errors it found and nothing on
 * stderr. A tsc that could not start (no file there, no node) or died (a signal, a Go
 * panic, which also exits 2) must not pass for one that found no error.
 */
function notChecked(
  error: ExecFileException | null,
  found: number,
  stderr: string
): string | undefined {
  if (error === null) return undefined
  if (typeof error.code === 'string') return `it could not run: ${error.message}`
  if (error.signal) return `it was killed by ${error.signal}`
  const answered = (error.code === 1 || error.code === 2) && found > 0 && !stderr.trim()
  if (answered) return undefined
  const why =
    found > 0 ? `exited with ${error.code}` : `exited with ${error.code} reporting no error`
  return `${why}${stderr.trim() ? `; its stderr:\n${tail(stderr)}` : ''}`
}

export function tscDiagnostics(
  root: string,
  project: string,
  tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc')
): Promise<Diagnostic[]> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [tsc, '-p', project, '--pretty', 'false'],
      { maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const diagnostics = parse(stdout)
        const why = notChecked(error, diagnostics.length, stderr)
        if (why === undefined) resolve(diagnostics)
        else reject(new Error(`tsc (${tsc}) did not check ${project}: ${why}`))
      }
    )
  })
}
