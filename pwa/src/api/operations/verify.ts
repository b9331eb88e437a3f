import { graphql } from '../generated'

// GraphQL operations of the verify pages (picked up by codegen.ts).
export {}
void graphql
