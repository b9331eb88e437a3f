/// <reference lib="webworker" />
/**
 * OneTap service worker (vite-plugin-pwa `injectManifest`).
 *
 * - Precaches the built app shell (HTML, JS, CSS, icons, manifest); the list is
 *   injected at build time into `self.__WB_MANIFEST`.
 * - Navigations are answered with the precached index.html, so the app shell
 *   loads offline (and deep links work) — except /graphql.
 * - API calls are NOT cached: no route matches /graphql, so those requests go
 *   straight to the network (network only). The page keeps its own last-good
 *   copy of the data in localStorage instead.
 * - A waiting worker activates only when the page asks (SKIP_WAITING), which
 *   the reload prompt does after the user agrees. Once active it claims open
 *   pages, so the first visit is offline-capable without a reload.
 */
import { clientsClaim } from 'workbox-core'
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching'
import { NavigationRoute, registerRoute } from 'workbox-routing'

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: Array<string | { url: string; revision: string | null }>
}

precacheAndRoute(self.__WB_MANIFEST)
cleanupOutdatedCaches()
clientsClaim()

registerRoute(
  new NavigationRoute(createHandlerBoundToURL('index.html'), {
    // Server pages and files, not app routes: the license verify page behind a QR code,
    // the published license keys and status lists, and presigned object downloads.
    denylist: [/^\/graphql/, /^\/api\//, /^\/v\//, /^\/licenses\/(keys|status)/, /^\/objects\//],
  }),
)

self.addEventListener('message', (event: ExtendableMessageEvent) => {
  const data: unknown = event.data
  if (typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'SKIP_WAITING') {
    void self.skipWaiting()
  }
})
