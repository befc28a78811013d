"""The facilitator's window: Qt widgets, item models and undo commands over the engine."""
