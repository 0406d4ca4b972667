"""成长日记: the diary page, the entry editor and the timeline with mentor comments."""
