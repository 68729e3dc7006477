"""Tacitus: conflict news in, auditable ACLED-style event data out."""
