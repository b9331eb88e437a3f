import type { RouteRecordRaw } from 'vue-router'

/** Routes of the verify pages (spread into the app's routes by router.ts). */
export const verifyRoutes: RouteRecordRaw[] = []
