"""The 晴雨表 page: periods, the per-unit grid, 研判 and 处置 dialogs."""
