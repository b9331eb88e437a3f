import { createRouter, createWebHistory, type RouterHistory } from 'vue-router'
import HomePage from '@/pages/HomePage.vue'

export const routes = [
  { path: '/', name: 'home', component: HomePage },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('@/pages/NotFoundPage.vue'),
  },
]

export function createAppRouter(history: RouterHistory = createWebHistory(import.meta.env.BASE_URL)) {
  return createRouter({ history, routes })
}
