"""Imported by generate's forkserver so every worker starts with the guard compiled.

Compiling the vocabulary takes about half a second; a worker forked from a server that
already holds it shares it instead of compiling it again. A broken term file is not an
error here: the worker reports it when it first uses the guard.
"""

from plugin.core.privacy import vocabulary
from plugin.errors import PoortwachterError

try:
    vocabulary()
except PoortwachterError:
    pass
