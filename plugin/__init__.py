"""Poortwachter: re-integration dossiers under the Dutch Wet verbetering poortwachter."""

__version__ = "0.1.0"

# The AVG guard's vocabulary files are read here, outside the pure core (plugin/core/privacy.py).
from plugin import vocabulary as _vocabulary  # noqa: E402,F401
