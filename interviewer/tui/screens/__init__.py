"""The app's screens: home, interview, scorecard, history."""
