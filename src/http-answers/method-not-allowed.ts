/** The answer every route gives to a method it does not serve. */
import type { Handler } from 'hono'
import { plainText } from '../context/plain-text'

/** A handler that answers 405 with `Allow` and a hint, for the other methods on a path. */
export const methodNotAllowed = (allow: string): Handler => {
  return function methodNotAllowed(c) {
    return plainText(c, `Method not allowed here. Use ${allow}; see GET / for usage.\n`, 405, {
      allow,
    })
  }
}
