import type { RouteRecordRaw } from 'vue-router'

/**
 * Routes of the e-licenses area (spread into the app's routes by router.ts): the holder's
 * wallet, a license, sharing it and its access log (signed in), and the public page that
 * sends a pasted verify link or code on to the server-rendered verify page `/v/<code>`.
 * The staff page (`/staff/licenses`) is a desk route (routes/desk.ts).
 */
export const licenseRoutes: RouteRecordRaw[] = [
  {
    path: '/licenses',
    name: 'licenses',
    component: () => import('@/pages/licenses/WalletPage.vue'),
    meta: { requiresAuth: true },
  },
  {
    path: '/licenses/verify',
    name: 'license-verify',
    component: () => import('@/pages/licenses/VerifyPage.vue'),
  },
  {
    path: '/licenses/:id',
    name: 'license',
    component: () => import('@/pages/licenses/LicensePage.vue'),
    props: true,
    meta: { requiresAuth: true },
  },
  {
    path: '/licenses/:id/share',
    name: 'license-share',
    component: () => import('@/pages/licenses/SharePage.vue'),
    props: true,
    meta: { requiresAuth: true },
  },
  {
    path: '/licenses/:id/access',
    name: 'license-access',
    component: () => import('@/pages/licenses/AccessLogPage.vue'),
    props: true,
    meta: { requiresAuth: true },
  },
]
