"""Background jobs run off the GUI thread: the worker helper, backups, demo data, the integrity check."""
