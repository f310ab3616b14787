"""peerclick: the Python SDK for the PeerClick tracker API."""

from peerclick._version import __version__

__all__ = ["__version__"]
