"""Errors the core raises for the command line to report.

`UserError` is a problem with how ikros was called or set up (an invalid
IKROS_TODAY, say), not with the documents and not a bug: the command line
prints its message (bokmål) and exits 2.
"""


class UserError(Exception):
    """A usage or set-up problem; the message is for the user, in bokmål."""
