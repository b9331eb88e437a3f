import type { RouteRecordRaw } from 'vue-router'

/**
 * Routes of the enterprise and staff pages (spread into the app's routes by router.ts).
 * The staff pages do not use `requiresAuth`: it sends visitors to the residents' sign-in,
 * while staff sign in at /staff/login (the desk explains and links there).
 */
export const enterpriseRoutes: RouteRecordRaw[] = [
  {
    path: '/enterprises',
    name: 'enterprises',
    component: () => import('@/pages/enterprise/EnterprisesPage.vue'),
    meta: { requiresAuth: true },
  },
  {
    path: '/enterprises/bind',
    name: 'enterprise-bind',
    component: () => import('@/pages/enterprise/BindEnterprisePage.vue'),
    meta: { requiresAuth: true },
  },
  {
    path: '/enterprises/:id',
    name: 'enterprise',
    component: () => import('@/pages/enterprise/EnterprisePage.vue'),
    props: true,
    meta: { requiresAuth: true },
  },
  {
    path: '/enterprises/:id/agents',
    name: 'enterprise-agents',
    component: () => import('@/pages/enterprise/AgentsPage.vue'),
    props: true,
    meta: { requiresAuth: true },
  },
  {
    path: '/enterprises/:id/agents/new',
    name: 'enterprise-appoint',
    component: () => import('@/pages/enterprise/AppointAgentPage.vue'),
    props: true,
    meta: { requiresAuth: true },
  },
  {
    path: '/staff/login',
    name: 'staff-login',
    component: () => import('@/pages/staff/StaffLoginPage.vue'),
  },
  {
    path: '/staff',
    name: 'staff-desk',
    component: () => import('@/pages/staff/StaffDeskPage.vue'),
  },
]
