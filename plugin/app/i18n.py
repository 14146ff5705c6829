"""The words on the pages: Dutch by default, English with ?lang=en (remembered in a cookie).

The words themselves live in the one catalogue, plugin.core.words.
"""

from plugin.core.words import words

__all__ = ["words"]
