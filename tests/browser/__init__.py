"""End-to-end tests in Debian's Chromium, driven by Playwright against a live server."""
