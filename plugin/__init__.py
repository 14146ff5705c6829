"""Poortwachter: re-integration dossiers under the Dutch Wet verbetering poortwachter."""

__version__ = "0.1.0"
