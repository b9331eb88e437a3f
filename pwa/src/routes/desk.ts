import type { RouteRecordRaw } from 'vue-router'

/**
 * Routes of the staff desk (办件工作台), spread into the app's routes by router.ts. They
 * live under /staff, next to the staff desk page that links to them, and like it they do
 * not use `requiresAuth` (which sends visitors to the residents' sign-in): each page
 * explains and links to the staff sign-in itself (`DeskGate`).
 */
export const deskRoutes: RouteRecordRaw[] = [
  {
    path: '/staff/cases',
    name: 'desk-queues',
    component: () => import('@/pages/desk/QueuesPage.vue'),
  },
  {
    path: '/staff/cases/:id',
    name: 'desk-case',
    component: () => import('@/pages/desk/CasePage.vue'),
    props: true,
  },
  {
    path: '/staff/lookup',
    name: 'desk-lookup',
    component: () => import('@/pages/desk/LookupPage.vue'),
  },
  {
    path: '/staff/supervision',
    name: 'desk-supervision',
    component: () => import('@/pages/desk/SupervisionPage.vue'),
  },
  {
    path: '/staff/catalogue',
    name: 'desk-catalogue',
    component: () => import('@/pages/desk/CataloguePage.vue'),
  },
  {
    path: '/staff/catalogue/new',
    name: 'desk-catalogue-new',
    component: () => import('@/pages/desk/NewItemPage.vue'),
  },
  {
    path: '/staff/catalogue/:code',
    name: 'desk-catalogue-item',
    component: () => import('@/pages/desk/ItemPage.vue'),
    props: true,
  },
  {
    path: '/staff/licenses',
    name: 'desk-licenses',
    component: () => import('@/pages/licenses/StaffLicensesPage.vue'),
  },
]
