"""interviewer: a terminal mock interviewer for machine-learning system design interviews."""

__version__ = "0.1.0"
