"""Data in and out from the client: imports with previews, exports, exchange packages."""
