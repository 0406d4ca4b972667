"""干部档案: one cadre's profile in tabs, its form and its editable lists."""
