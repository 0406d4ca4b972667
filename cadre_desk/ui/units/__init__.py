"""单位: the unit tree, each unit's details and its leadership team (班子)."""
