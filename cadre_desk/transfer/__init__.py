"""Data in and out: appointment-form files (.lrmx, .lrm), Excel rosters and exchange packages.

Headless (no Qt): the CLI and the client call the same functions. Parsing and writing of the file
formats is pure; `importing` plans an import (a preview) and applies it in one transaction.
"""
