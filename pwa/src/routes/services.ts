import type { RouteRecordRaw } from 'vue-router'

/**
 * Routes of the residents' services area (spread into the app's routes by router.ts):
 * the catalogue and service guides (anonymous), applying, and my cases.
 *
 * `/services/:code/apply` only starts (or resumes) an application and then replaces itself
 * with the draft's own page, so "back" from the form does not start another one.
 */
export const servicesRoutes: RouteRecordRaw[] = [
  {
    path: '/services',
    name: 'services',
    component: () => import('@/pages/services/CataloguePage.vue'),
  },
  {
    path: '/services/:code',
    name: 'service',
    component: () => import('@/pages/services/ServiceItemPage.vue'),
    props: true,
  },
  {
    path: '/services/:code/apply',
    name: 'service-start',
    component: () => import('@/pages/services/StartApplicationPage.vue'),
    props: true,
    meta: { requiresAuth: true },
  },
  {
    path: '/cases',
    name: 'my-cases',
    component: () => import('@/pages/services/MyCasesPage.vue'),
    meta: { requiresAuth: true },
  },
  {
    path: '/cases/:id',
    name: 'case',
    component: () => import('@/pages/services/CasePage.vue'),
    props: true,
    meta: { requiresAuth: true },
  },
  {
    path: '/cases/:id/apply',
    name: 'case-apply',
    component: () => import('@/pages/services/ApplyPage.vue'),
    props: true,
    meta: { requiresAuth: true },
  },
  {
    path: '/cases/:id/submitted',
    name: 'case-submitted',
    component: () => import('@/pages/services/SubmittedPage.vue'),
    props: true,
    meta: { requiresAuth: true },
  },
]
