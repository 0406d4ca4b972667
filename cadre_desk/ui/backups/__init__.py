"""Automatic backups while the window is open, restoring a backup, offering one for a damaged file."""
