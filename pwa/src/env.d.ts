/// <reference types="vite/client" />

declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}

/** Set by vite.config.ts / vitest.config.ts from ../api/schema.graphql (schema-features.ts). */
declare const __SCHEMA_FEATURES__: import('../schema-features').SchemaFeatures
