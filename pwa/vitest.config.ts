import { fileURLToPath, URL } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'
import { readSchemaFeatures } from './schema-features'

// Separate from vite.config.ts so tests do not load the PWA plugin; the
// `virtual:pwa-register/vue` module is replaced by a controllable stub.
export default defineConfig({
  define: {
    __SCHEMA_FEATURES__: JSON.stringify(readSchemaFeatures()),
  },
  plugins: [vue()],
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./src', import.meta.url)),
      'virtual:pwa-register/vue': fileURLToPath(
        new URL('./src/test/pwa-register-stub.ts', import.meta.url),
      ),
    },
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.spec.ts', 'tests/**/*.spec.ts'],
    setupFiles: ['src/test/setup.ts'],
    restoreMocks: true,
    css: false,
    server: {
      deps: {
        inline: ['vant'],
      },
    },
  },
})
