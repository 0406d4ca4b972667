"""The shell: start-up, the main window and navigation, crash handler, language, fonts, typed UI settings."""
