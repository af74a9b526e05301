"""The typesetter."""
