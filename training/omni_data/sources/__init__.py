"""Readers for each free sound source; each yields catalogue entries (see catalogue.SourceClip)."""
