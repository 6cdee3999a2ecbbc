"""newsquiz: fact-check and quiz yourself on a news article, every answer anchored to its text.

The public API for scripts lives in `newsquiz.api`; this module stays light so that the CLI
starts fast.
"""

__version__ = "0.1.0"
