"""Extract: find the claims of an article (quotations, reported speech, statements) with speaker and relay."""

from toolkit.extract.claims import Claim, extract

__all__ = ["Claim", "extract"]
