/**
 * All GraphQL operations used by the app. `npm run codegen` reads this file and
 * emits typed documents into ./generated (committed).
 */
import { graphql } from './generated'

export const CitiesQuery = graphql(`
  query Cities($first: Int!) {
    regions(level: CITY, first: $first) {
      edges {
        node {
          code
          name
          nameEn
        }
      }
    }
  }
`)

export const CityDepartmentsQuery = graphql(`
  query CityDepartments($code: String!, $first: Int!) {
    region(code: $code) {
      code
      name
      nameEn
      departments(first: $first) {
        edges {
          node {
            code
            name
            nameEn
            category
          }
        }
      }
    }
  }
`)
