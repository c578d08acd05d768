"""roadmap: practice repositories for the backend developer roadmap."""

__version__ = "0.1.0"
