import { fileURLToPath, URL } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'
import { manifest } from './pwa-manifest'
import { readSchemaFeatures } from './schema-features'

export default defineConfig({
  define: {
    __SCHEMA_FEATURES__: JSON.stringify(readSchemaFeatures()),
  },
  plugins: [
    vue(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      registerType: 'prompt',
      // Registration happens in UpdatePrompt.vue via virtual:pwa-register/vue.
      injectRegister: false,
      manifestFilename: 'manifest.webmanifest',
      // Precached besides the build output (the manifest and its icons are added
      // by the plugin automatically).
      includeAssets: ['favicon.svg', 'icons/*.png'],
      manifest,
      injectManifest: {
        // App shell: the built HTML, JS and CSS (icons come via includeAssets).
        globPatterns: ['**/*.{js,css,html}'],
      },
      devOptions: {
        enabled: false,
        type: 'module',
      },
    }),
  ],
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./src', import.meta.url)),
    },
  },
  server: {
    proxy: {
      '/graphql': {
        target: 'http://127.0.0.1:8000',
        changeOrigin: false,
        // The live case status is a graphql-transport-ws subscription on the same path.
        ws: true,
      },
      // Server-rendered license verify page, license keys and status lists, object URLs.
      '/v/': { target: 'http://127.0.0.1:8000', changeOrigin: false },
      '/licenses/keys': { target: 'http://127.0.0.1:8000', changeOrigin: false },
      '/licenses/status': { target: 'http://127.0.0.1:8000', changeOrigin: false },
      '/objects/': { target: 'http://127.0.0.1:8000', changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/graphql': {
        target: 'http://127.0.0.1:8000',
        changeOrigin: false,
        // The live case status is a graphql-transport-ws subscription on the same path.
        ws: true,
      },
      // Server-rendered license verify page, license keys and status lists, object URLs.
      '/v/': { target: 'http://127.0.0.1:8000', changeOrigin: false },
      '/licenses/keys': { target: 'http://127.0.0.1:8000', changeOrigin: false },
      '/licenses/status': { target: 'http://127.0.0.1:8000', changeOrigin: false },
      '/objects/': { target: 'http://127.0.0.1:8000', changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    sourcemap: false,
    target: 'es2020',
  },
})
