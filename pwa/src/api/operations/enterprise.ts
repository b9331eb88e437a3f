import { graphql } from '../generated'

// GraphQL operations of the enterprise pages (picked up by codegen.ts).
export {}
void graphql
