"""What the pages of every app share: the one cache of rendered HTML (pages/cache.py)."""
