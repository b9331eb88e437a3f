import { createRouter, createWebHistory, type RouterHistory } from 'vue-router'
import { useAuth, type Auth } from '@/auth/useAuth'
import HomePage from '@/pages/HomePage.vue'
import { deskRoutes } from '@/routes/desk'
import { enterpriseRoutes } from '@/routes/enterprise'
import { licenseRoutes } from '@/routes/licenses'
import { servicesRoutes } from '@/routes/services'
import { verifyRoutes } from '@/routes/verify'

declare module 'vue-router' {
  interface RouteMeta {
    /** Signed-out visitors are sent to sign in first, and come back afterwards. */
    requiresAuth?: boolean
  }
}

export const routes = [
  { path: '/', name: 'home', component: HomePage },
  { path: '/login', name: 'login', component: () => import('@/pages/LoginPage.vue') },
  { path: '/register', name: 'register', component: () => import('@/pages/RegisterPage.vue') },
  { path: '/recover', name: 'recover', component: () => import('@/pages/RecoverPage.vue') },
  { path: '/me', name: 'me', component: () => import('@/pages/MePage.vue') },
  {
    path: '/me/devices',
    name: 'devices',
    component: () => import('@/pages/DevicesPage.vue'),
    meta: { requiresAuth: true },
  },
  {
    path: '/me/verify',
    name: 'raise-tier',
    component: () => import('@/pages/RaiseTierPage.vue'),
    meta: { requiresAuth: true },
  },
  {
    path: '/verify/face',
    name: 'face-check',
    component: () => import('@/pages/FaceCheckPage.vue'),
    meta: { requiresAuth: true },
  },
  ...verifyRoutes,
  ...enterpriseRoutes,
  ...deskRoutes,
  ...servicesRoutes,
  ...licenseRoutes,
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('@/pages/NotFoundPage.vue'),
  },
]

export function createAppRouter(
  history: RouterHistory = createWebHistory(import.meta.env.BASE_URL),
  auth: () => Auth = useAuth,
) {
  const router = createRouter({ history, routes })
  router.beforeEach(async (to) => {
    if (!to.meta.requiresAuth) return true
    const store = auth()
    // A stored session is being renewed at start-up: decide once that has finished.
    await store.ready()
    if (store.status.value === 'anonymous') {
      return { name: 'login', query: { redirect: to.fullPath } }
    }
    return true
  })
  return router
}
