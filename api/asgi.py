"""ASGI entry point for multi-process servers (``uvicorn api.asgi:app``, granian)."""

from api.app import create_app
from core.logging import configure_logging
from core.settings import get_settings

_settings = get_settings()
# Worker processes start here, not through the CLI: configure JSON logging for them too.
configure_logging(_settings.app.log_level)
app = create_app(_settings)
