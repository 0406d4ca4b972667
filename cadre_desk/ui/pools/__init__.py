"""后备干部库: the young-cadre and reserve pool page, its dialogs and models."""
