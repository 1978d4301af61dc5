"""Input boundaries: forms (and later importers) that turn requests into domain arguments."""
