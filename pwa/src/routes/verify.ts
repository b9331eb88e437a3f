import type { RouteRecordRaw } from 'vue-router'

/**
 * Routes of the verify pages (spread into the app's routes by router.ts). "Raise my level"
 * (`/me/verify`) and the face check (`/verify/face`) are declared in router.ts itself,
 * since the step-up routing names them.
 */
export const verifyRoutes: RouteRecordRaw[] = [
  {
    path: '/me/passkeys',
    name: 'passkeys',
    component: () => import('@/pages/PasskeysPage.vue'),
    meta: { requiresAuth: true },
  },
  {
    path: '/me/phone',
    name: 'change-phone',
    component: () => import('@/pages/ChangePhonePage.vue'),
    meta: { requiresAuth: true },
  },
]
