/** Reads HTTP/1.1 responses off a socket as they arrive: the head, then a chunked or sized body. */

export interface ResponseHandlers {
  onHead(status: number): void
  onBody(bytes: Buffer): void
  onEnd(): void
}

const LF = 0x0a
type State = 'head' | 'size' | 'data' | 'data-end' | 'trailer' | 'sized'

/** One parser per connection; after a response ends it expects the next (keep-alive). */
export class HttpResponseParser {
  #state: State = 'head'
  #line = ''
  #remaining = 0
  #head: string[] = []
  #handlers: ResponseHandlers

  constructor(handlers: ResponseHandlers) {
    this.#handlers = handlers
  }

  push(data: Buffer): void {
    let at = 0
    while (at < data.length) {
      if (this.#state === 'data' || this.#state === 'sized') {
        const take = Math.min(this.#remaining, data.length - at)
        this.#handlers.onBody(data.subarray(at, at + take))
        at += take
        this.#remaining -= take
        if (this.#remaining === 0) this.#afterData()
        continue
      }
      const lf = data.indexOf(LF, at)
      if (lf === -1) {
        this.#line += data.toString('latin1', at)
        return
      }
      const line = (this.#line + data.toString('latin1', at, lf)).replace(/\r$/, '')
      this.#line = ''
      at = lf + 1
      this.#onLine(line)
    }
  }

  #onLine(line: string): void {
    if (this.#state === 'size') {
      this.#remaining = Number.parseInt(line, 16)
      this.#state = this.#remaining === 0 ? 'trailer' : 'data'
    } else if (this.#state === 'data-end') {
      this.#state = 'size'
    } else if (this.#state === 'trailer') {
      if (line === '') this.#end()
    } else if (line !== '') {
      this.#head.push(line)
    } else {
      this.#startBody(this.#head)
      this.#head = []
    }
  }

  #startBody([statusLine = '', ...headers]: string[]): void {
    this.#handlers.onHead(Number(statusLine.split(' ')[1]))
    const header = (name: string) =>
      headers
        .find((h) => h.toLowerCase().startsWith(`${name}:`))
        ?.slice(name.length + 1)
        .trim()
    if (header('transfer-encoding')?.toLowerCase() === 'chunked') {
      this.#state = 'size'
      return
    }
    this.#remaining = Number(header('content-length') ?? 0)
    if (this.#remaining === 0) this.#end()
    else this.#state = 'sized'
  }

  #afterData(): void {
    if (this.#state === 'sized') this.#end()
    else this.#state = 'data-end'
  }

  #end(): void {
    this.#state = 'head'
    this.#handlers.onEnd()
  }
}
