"""容错纠错: the fault-tolerance case register, its editor and attachments."""
