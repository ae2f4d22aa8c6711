/** One progress line on stderr: rewritten in place on a terminal, one line per step otherwise. */

const started = Date.now()

const elapsed = (): string => {
  const seconds = Math.round((Date.now() - started) / 1000)
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`
}

export function progress(text: string): void {
  const line = `bench ${elapsed()} ${text}`
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${line}`)
  else process.stderr.write(`${line}\n`)
}

export function progressDone(): void {
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K')
}
