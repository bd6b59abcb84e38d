"""Validation of a whole kommune: files → load → model → checks.

`document` handles one file (and runs in worker processes); `repository`
finds the files, uses the cache, runs the cross-document checks and
returns a `ValidationResult`. Nothing here prints.
"""
