"""干部名册: the roster table, its filters and the new-cadre dialog."""
