"""AudioEdit-style training data for Omni Studio, synthesised from freely licensed sound in Debian packages."""
