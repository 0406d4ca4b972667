"""考察材料: the inspection report editor."""
