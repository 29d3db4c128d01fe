"""The records a loaded site is made of (Site, Activity, Feedback, ...), the controlled vocabulary and page addresses."""
