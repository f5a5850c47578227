"""The Textual app. It never calls a model itself: it runs engine code in workers and shows events."""
