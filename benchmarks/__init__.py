"""Reproducible benchmarks of Triangulate, each measured side by side with the tool a user would otherwise pick."""
