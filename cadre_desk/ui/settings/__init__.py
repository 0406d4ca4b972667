"""The settings dialog (department, this computer, language, the data file)."""
