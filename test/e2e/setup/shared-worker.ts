/** Setup file of the end-to-end project: every file's tests talk to the one shared Worker. */
import { beforeAll } from 'vitest'
import { useSharedWorker } from '../helpers/worker-under-test'

beforeAll(useSharedWorker, 60_000)
