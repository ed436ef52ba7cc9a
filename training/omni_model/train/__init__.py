"""Training loops, budgeted in minutes and resumable, and the feature cache the DiT trains from."""
