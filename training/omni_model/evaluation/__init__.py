"""Measures of the pack as the studio runs it, on the test split and on real recordings."""
