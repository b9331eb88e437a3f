"""Encryption of personal identifiers stored in database columns (AES-256-GCM).

Owns the field-token format ``v1.<kid>.<b64url nonce>.<b64url ciphertext+tag>``. The token
names its key, so after a rotation old rows keep decrypting while new writes use the
active key; :meth:`FieldCipher.needs_rotation` finds the rows a re-encryption job should
rewrite. The caller's context string (for example ``"person.id_number"``) is bound in as
associated data, so a ciphertext copied into another column does not decrypt.

Error messages never contain plaintext, tokens or key bytes.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from core.crypto._encoding import b64url_decode, b64url_encode, check_kid

__all__ = ["DecryptionError", "FieldCipher"]

_VERSION = "v1"
_KEY_BYTES = 32
_NONCE_BYTES = 12
_TAG_BYTES = 16


class DecryptionError(Exception):
    """A field token is malformed, names an unknown key, or fails authentication."""


class FieldCipher:
    """AES-256-GCM with a key ring: ``active_kid`` encrypts, every key decrypts."""

    __slots__ = ("_active_kid", "_aeads")

    def __init__(self, keys: Mapping[str, bytes], active_kid: str) -> None:
        if active_kid not in keys:
            raise ValueError("active key id is not in the key ring")
        aeads: dict[str, AESGCM] = {}
        for kid, key in keys.items():
            check_kid(kid)
            if len(key) != _KEY_BYTES:
                raise ValueError(f"field key {kid!r} must be {_KEY_BYTES} bytes")
            aeads[kid] = AESGCM(bytes(key))
        self._aeads = aeads
        self._active_kid = active_kid

    def __repr__(self) -> str:
        # Key ids only: a repr ends up in logs and tracebacks.
        return f"FieldCipher(kids={list(self._aeads)!r}, active_kid={self._active_kid!r})"

    @property
    def active_kid(self) -> str:
        return self._active_kid

    @property
    def kids(self) -> tuple[str, ...]:
        return tuple(self._aeads)

    def encrypt(self, plaintext: str, context: str) -> str:
        """Encrypt ``plaintext`` for the column named by ``context`` with the active key."""
        aad = _associated_data(self._active_kid, context)
        # A random 96-bit nonce per value: at the volumes of one province's records the
        # collision probability stays far below GCM's 2^-32 bound for a single key.
        nonce = os.urandom(_NONCE_BYTES)
        try:
            data = plaintext.encode("utf-8")
        except UnicodeEncodeError:
            # The codec's message would quote the offending character of personal data.
            raise ValueError("plaintext is not valid Unicode text") from None
        ciphertext = self._aeads[self._active_kid].encrypt(nonce, data, aad)
        return ".".join(
            (_VERSION, self._active_kid, b64url_encode(nonce), b64url_encode(ciphertext))
        )

    def decrypt(self, token: str, context: str) -> str:
        """Return the plaintext of ``token``; raise :class:`DecryptionError` on any failure."""
        kid, nonce, ciphertext = _parse(token)
        aead = self._aeads.get(kid)
        if aead is None:
            raise DecryptionError("field token names an unknown key id")
        try:
            plaintext = aead.decrypt(nonce, ciphertext, _associated_data(kid, context))
        except InvalidTag:
            raise DecryptionError("field token failed authentication") from None
        try:
            return plaintext.decode("utf-8")
        except UnicodeDecodeError:
            # Authenticated but not text: only possible if something else wrote it.
            raise DecryptionError("field token does not hold text") from None

    def needs_rotation(self, token: str) -> bool:
        """Whether ``token`` was encrypted with a key other than the active one.

        Only the header is read, so this works for tokens under unknown keys too (they
        need rotation but cannot be decrypted here). Malformed tokens raise
        :class:`DecryptionError`.
        """
        kid, _nonce, _ciphertext = _parse(token)
        return kid != self._active_kid

    def reencrypt(self, token: str, context: str) -> str:
        """Return ``token`` under the active key (unchanged if it already is)."""
        if not self.needs_rotation(token):
            return token
        return self.encrypt(self.decrypt(token, context), context)


def _associated_data(kid: str, context: str) -> bytes:
    if not context or "\x00" in context:
        raise ValueError("context must be a non-empty string without NUL")
    # Version and kid are bound too, so no part of the token header can be swapped.
    return f"onetap-field\x00{_VERSION}\x00{kid}\x00{context}".encode()


def _parse(token: str) -> tuple[str, bytes, bytes]:
    if not isinstance(token, str):
        raise DecryptionError("field token must be a string")
    parts = token.split(".")
    if len(parts) != 4 or parts[0] != _VERSION:
        raise DecryptionError("field token is malformed or of an unknown version")
    _version, kid, nonce_text, ciphertext_text = parts
    try:
        check_kid(kid)
        nonce = b64url_decode(nonce_text)
        ciphertext = b64url_decode(ciphertext_text)
    except ValueError:
        raise DecryptionError("field token is malformed") from None
    if len(nonce) != _NONCE_BYTES or len(ciphertext) < _TAG_BYTES:
        raise DecryptionError("field token is malformed")
    return kid, nonce, ciphertext
