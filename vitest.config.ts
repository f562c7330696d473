import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/helpers/temp-root.ts'],
    // End-to-end specs spawn the built CLI; a cold node start on a loaded
    // 2-core CI machine can take a second or two.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
