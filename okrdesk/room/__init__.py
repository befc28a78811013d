"""The room server: phones in the meeting room join, brainstorm and follow along (no Qt)."""
