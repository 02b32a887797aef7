"""The migrations of the tortoise app `models`, oldest first."""
