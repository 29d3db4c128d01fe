"""Make It Count: publish co-production and user-involvement work as a transparent website."""

__version__ = "0.1.0"
