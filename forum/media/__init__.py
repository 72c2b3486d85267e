"""Photos on complaints and answers, and private evidence files (docs/media.md)."""
