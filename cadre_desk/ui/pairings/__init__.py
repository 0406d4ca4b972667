"""结对帮带: the pairings page, the pairing panel and its dialogs."""
