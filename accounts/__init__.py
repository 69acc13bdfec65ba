"""Signing in: passwords, and single sign-on through the company's OpenID Connect provider."""
