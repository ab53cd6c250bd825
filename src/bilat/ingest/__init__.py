"""Loaders that turn files, streams and feeds into normalised documents."""
