"""The reference pages and their vendored scripts, shipped with the package (resolvers/pages.py)."""
