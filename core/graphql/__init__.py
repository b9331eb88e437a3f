"""GraphQL mechanisms shared by every domain: request context, pagination, error shapes,
and the schema extensions that enforce limits and mask unexpected errors."""
