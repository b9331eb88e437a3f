"""Schema extensions: document limits with typed codes, and masking of unexpected errors."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from graphql import GraphQLError
from strawberry.extensions import (
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
    SchemaExtension,
    ValidationCache,
)

from core.graphql.errors import CodedGraphQLError, RequestErrorCode
from core.graphql.pagination import InvalidCursor

# The limiters report plain messages; these fragments tell which limit was hit.
_LIMIT_CODES: tuple[tuple[str, RequestErrorCode], ...] = (
    ("exceeds maximum operation depth", RequestErrorCode.QUERY_TOO_DEEP),
    ("aliases found", RequestErrorCode.TOO_MANY_ALIASES),
    ("token limit", RequestErrorCode.QUERY_TOO_LARGE),
    ("tokens", RequestErrorCode.QUERY_TOO_LARGE),
)


def _code_for(error: GraphQLError) -> RequestErrorCode | None:
    original = error.original_error
    if isinstance(original, InvalidCursor):
        return RequestErrorCode.INVALID_CURSOR
    if original is None:
        for fragment, code in _LIMIT_CODES:
            if fragment in error.message:
                return code
        return RequestErrorCode.BAD_REQUEST
    return None


class ErrorCodes(SchemaExtension):
    """Give every expected request error an ``extensions.code`` the PWA can switch on."""

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if result is None or not result.errors:
            return
        for error in result.errors:
            if error.extensions and "code" in error.extensions:
                continue
            code = _code_for(error)
            if code is not None:
                error.extensions = {**(error.extensions or {}), "code": code.value}
        # Parse/validation failures skip execution; their errors are pre-execution errors.


class MaskUnexpectedErrors(MaskErrors):
    """Strawberry's masking, plus the ``INTERNAL`` code so clients can still switch on it."""

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        masked = super().anonymise_error(error)
        masked.extensions = {"code": RequestErrorCode.INTERNAL.value}
        return masked


def should_mask(error: GraphQLError) -> bool:
    """Mask anything that is not an error we raised on purpose or a document error."""
    original = error.original_error
    if original is None:
        return False  # parse/validation errors describe the client's own document
    return not isinstance(original, CodedGraphQLError | InvalidCursor)


def schema_extensions(
    *, max_depth: int, max_tokens: int, max_aliases: int, mask_errors: bool
) -> list[Callable[[], SchemaExtension] | type[SchemaExtension]]:
    # Factories, not instances: Strawberry builds fresh extensions for every request.
    extensions: list[Callable[[], SchemaExtension] | type[SchemaExtension]] = [
        ErrorCodes,  # outermost, so it sees every error the others produce
        # Clients send the same few documents over and over: validate each once (bench/
        # showed validation dominating a small query's cost). Strawberry's ParserCache is
        # left out: a parse error raised inside it escapes the typed-error codes above.
        lambda: ValidationCache(maxsize=256),
        lambda: QueryDepthLimiter(max_depth=max_depth),
        lambda: MaxAliasesLimiter(max_alias_count=max_aliases),
        lambda: MaxTokensLimiter(max_token_count=max_tokens),
    ]
    if mask_errors:
        extensions.append(
            lambda: MaskUnexpectedErrors(
                should_mask_error=should_mask, error_message="内部错误 Internal error"
            )
        )
    return extensions
