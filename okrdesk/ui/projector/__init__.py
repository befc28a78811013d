"""The projected screen: what the room sees, readable from the back row."""
