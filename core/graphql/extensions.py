"""Schema extensions: document limits with typed codes, and masking of unexpected errors."""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator

from graphql import ASTValidationRule, DocumentNode, GraphQLError, parse
from strawberry.extensions import (
    AddValidationRules,
    MaskErrors,
    MaxTokensLimiter,
    SchemaExtension,
    ValidationCache,
)
from strawberry.extensions.max_aliases import create_validator as aliases_rule
from strawberry.extensions.query_depth_limiter import create_validator as depth_rule

from core.graphql.errors import RequestErrorCode
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
    if original is None or isinstance(original, GraphQLError):
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


@functools.lru_cache(maxsize=512)
def _parse_cached(query: str, max_tokens: int | None) -> DocumentNode:
    return parse(query, max_tokens=max_tokens)


class ParseOnce(SchemaExtension):
    """Parse each distinct document once, so the validation cache can recognise it.

    Strawberry's ValidationCache is keyed by the document object; without a parse cache
    every request brings a new object and nothing is ever reused. Strawberry's own
    ParserCache raises parse errors from inside its hook, where they escape the typed
    error codes; here a failing document is left for Strawberry to parse and report.
    """

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        if context.query is not None and context.graphql_document is None:
            # On a parse error Strawberry parses again itself and returns a typed result.
            with contextlib.suppress(GraphQLError):
                context.graphql_document = _parse_cached(
                    context.query, context.parse_options.get("max_tokens")
                )
        yield


@functools.cache
def _limit_rules(max_depth: int, max_aliases: int) -> tuple[type[ASTValidationRule], ...]:
    # One rule class per configuration, built once: Strawberry's limiter extensions build a
    # new class per request, which makes every validation-cache key unique.
    return (
        depth_rule(max_depth, None, None),
        aliases_rule(max_aliases),
    )


def document_limits(max_depth: int, max_aliases: int) -> type[SchemaExtension]:
    """Depth and alias limits as validation rules that the validation cache can reuse."""
    rules = _limit_rules(max_depth, max_aliases)

    class DocumentLimits(AddValidationRules):
        def __init__(self) -> None:
            super().__init__(list(rules))

    return DocumentLimits


class MaskUnexpectedErrors(MaskErrors):
    """Strawberry's masking, plus the ``INTERNAL`` code so clients can still switch on it."""

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        masked = super().anonymise_error(error)
        masked.extensions = {"code": RequestErrorCode.INTERNAL.value}
        return masked


def should_mask(error: GraphQLError) -> bool:
    """Mask anything that is not an error we raised on purpose or a document error."""
    original = error.original_error
    if original is None or isinstance(original, GraphQLError):
        # parse/validation/variable errors describe the client's own request
        return False
    return not isinstance(original, InvalidCursor)


#: The code permission checks use when a stronger authentication would allow the call.
STEP_UP_CODE = "INSUFFICIENT_USER_AUTHENTICATION"


class StepUpChallenge(SchemaExtension):
    """RFC 9470's challenge header beside the GraphQL error that asks for a step-up.

    GraphQL answers 200 with the error in the body (``extensions.requiredTier``,
    ``acrValues``, ``maxAge``); the header says the same to HTTP-level clients and
    proxies: ``WWW-Authenticate: Bearer error="insufficient_user_authentication",
    acr_values="...", max_age=...``.
    """

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        response = getattr(self.execution_context.context, "response", None)
        if result is None or not result.errors or response is None:
            return
        for error in result.errors:
            details = error.extensions or {}
            if details.get("code") != STEP_UP_CODE:
                continue
            parts = ['Bearer error="insufficient_user_authentication"']
            if isinstance(details.get("acrValues"), str):
                parts.append(f'acr_values="{details["acrValues"]}"')
            if isinstance(details.get("maxAge"), int):
                parts.append(f"max_age={details['maxAge']}")
            response.headers["WWW-Authenticate"] = ", ".join(parts)
            return


def schema_extensions(
    *, max_depth: int, max_tokens: int, max_aliases: int, mask_errors: bool
) -> list[Callable[[], SchemaExtension] | type[SchemaExtension]]:
    # Factories, not instances: Strawberry builds fresh extensions for every request.
    extensions: list[Callable[[], SchemaExtension] | type[SchemaExtension]] = [
        ErrorCodes,  # outermost, so it sees every error the others produce
        StepUpChallenge,
        # Clients send the same few documents over and over: parse and validate each once
        # (bench/ showed validation dominating a small query's cost).
        ParseOnce,
        lambda: ValidationCache(maxsize=256),
        document_limits(max_depth, max_aliases),
        lambda: MaxTokensLimiter(max_token_count=max_tokens),
    ]
    if mask_errors:
        extensions.append(
            lambda: MaskUnexpectedErrors(
                should_mask_error=should_mask, error_message="内部错误 Internal error"
            )
        )
    return extensions
