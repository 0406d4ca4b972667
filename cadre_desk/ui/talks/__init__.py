"""谈话记录: the talks page, the talk editor and the outlines per kind."""
