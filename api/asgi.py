"""ASGI entry point for multi-process servers (``uvicorn api.asgi:app``, granian)."""

from api.app import create_app
from core.settings import get_settings

app = create_app(get_settings())
