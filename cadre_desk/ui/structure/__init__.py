"""班子结构分析: the page, its tables and charts, and the list of cadres behind a figure."""
