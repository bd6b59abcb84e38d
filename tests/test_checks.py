"""The checks called directly, at the edges the case folders do not reach."""

from __future__ import annotations
