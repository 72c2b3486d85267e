"""How much may be uploaded: per file, per post, per description."""

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_PHOTOS = 6
MAX_EVIDENCE = 4
ALT_MAX = 300
