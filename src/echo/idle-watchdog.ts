/** An idle limit for a whole session that costs one timer, not a timer per read or message. */

/**
 * Calls `onIdle` once input has been awaited for `ms` without arriving. Marking activity
 * only moves a timestamp; the single timer re-arms itself for whatever time is left.
 */
export class IdleWatchdog {
  #waitingSince = Date.now()
  #timer: ReturnType<typeof setTimeout>
  #expired = false
  readonly #ms: number
  readonly #onIdle: () => void

  constructor(ms: number, onIdle: () => void) {
    this.#ms = ms
    this.#onIdle = onIdle
    this.#timer = setTimeout(this.#check, ms)
  }

  get expired(): boolean {
    return this.#expired
  }

  /** Input is awaited from now on: idle time starts counting. */
  waiting(): void {
    this.#waitingSince = Date.now()
  }

  /** Input arrived and is being handled (a write may wait on the client): not idle. */
  busy(): void {
    this.#waitingSince = Number.NaN
  }

  stop(): void {
    clearTimeout(this.#timer)
  }

  #check = (): void => {
    const since = this.#waitingSince
    const left = Number.isNaN(since) ? this.#ms : since + this.#ms - Date.now()
    if (left > 0) {
      this.#timer = setTimeout(this.#check, left)
      return
    }
    this.#expired = true
    this.#onIdle()
  }
}
