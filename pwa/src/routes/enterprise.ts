import type { RouteRecordRaw } from 'vue-router'

/** Routes of the enterprise pages (spread into the app's routes by router.ts). */
export const enterpriseRoutes: RouteRecordRaw[] = []
