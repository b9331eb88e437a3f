import type { ManifestOptions } from 'vite-plugin-pwa'

export const THEME_COLOR = '#0b57d0'
export const BACKGROUND_COLOR = '#f2f4f7'

/** Web app manifest (written to dist/manifest.webmanifest by vite-plugin-pwa). */
export const manifest: Partial<ManifestOptions> = {
  id: '/',
  name: '闽政一点通 OneTap',
  short_name: '闽政一点通',
  description: '福建省政务服务移动端，一网通办、掌上可办。Fujian government services: one app, one stop.',
  lang: 'zh-CN',
  dir: 'ltr',
  start_url: '/',
  scope: '/',
  display: 'standalone',
  theme_color: THEME_COLOR,
  background_color: BACKGROUND_COLOR,
  categories: ['government', 'utilities'],
  icons: [
    { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
    { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
    {
      src: '/icons/maskable-512.png',
      sizes: '512x512',
      type: 'image/png',
      purpose: 'maskable',
    },
  ],
}
