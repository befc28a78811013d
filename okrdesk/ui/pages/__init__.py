"""One page per workshop phase."""
