/** Setup of the workers project: a test after which the Worker threw uncaught fails with it. */
import { afterEach, beforeEach, expect } from 'vitest'
import { takeUncaughtErrors } from '../context/helpers/uncaught-errors'

beforeEach(() => {
  takeUncaughtErrors()
})

afterEach(() => {
  expect(takeUncaughtErrors().map((error) => error.message)).toEqual([])
})
