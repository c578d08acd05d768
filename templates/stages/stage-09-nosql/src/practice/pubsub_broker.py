"""Publish/subscribe fan-out with channels and glob patterns, like Redis Pub/Sub.

Publishers send a message to a channel; the broker copies it to every current
subscriber of that channel and to every subscriber whose pattern matches the
channel name. Nothing is stored for later: a subscriber that joins after a
message was published never sees it ("fire and forget"). A subscriber that
stops reading must not make the broker buffer forever, so a subscriber whose
inbox is full is disconnected, as Redis does with its output-buffer limit.

Each subscriber is named by a string (a connection id, say) and has an inbox
that the test (or a network loop) empties with :meth:`Broker.drain`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Message:
    """One delivered message.

    Attributes:
        channel: The channel it was published to.
        data: The payload.
        pattern: The pattern that matched, for pattern subscriptions; None for
            a direct channel subscription.
    """

    channel: str
    data: str
    pattern: str | None = None


def glob_to_regex(pattern: str) -> re.Pattern[str]:
    """Compile a Redis-style glob pattern into a regular expression.

    Syntax (anything else is literal, including ``.`` and ``:``):

    * ``*`` any run of characters, including none;
    * ``?`` exactly one character;
    * ``[abc]`` one of the listed characters; ``[a-z]`` a range;
      ``[^abc]`` any character except those;
    * ``\\x`` the character x itself (``\\*`` matches a literal star).

    The regex must match the WHOLE channel name (``news.*`` does not match
    ``breaking.news.tech``).

    Raises:
        ValueError: An unclosed ``[``, an empty class such as ``[^]``, or a
            trailing lone backslash.
    """
    raise NotImplementedError("translate * ? [..] [^..] \\x into regex pieces, re.escape() the rest")


class Broker:
    """An in-memory pub/sub broker.

    Args:
        max_pending: The most messages an inbox may hold. Delivering one more
            disconnects that subscriber instead (see :meth:`publish`). None
            means no limit.
    """

    def __init__(self, max_pending: int | None = None) -> None:
        self.max_pending = max_pending
        self._channels: dict[str, list[str]] = {}
        self._patterns: dict[str, list[str]] = {}
        self._compiled: dict[str, re.Pattern[str]] = {}
        self._inboxes: dict[str, list[Message]] = {}
        self._disconnected: set[str] = set()

    def subscribe(self, subscriber: str, *channels: str) -> int:
        """Subscribe to channels (Redis ``SUBSCRIBE``).

        Subscribing twice to the same channel changes nothing. Subscribing
        clears a previous disconnection of this subscriber.

        Returns:
            How many channels AND patterns the subscriber is subscribed to now.

        Raises:
            ValueError: No channel given, or an empty channel name.
        """
        raise NotImplementedError("add the subscriber to each channel once; return its subscription count")

    def psubscribe(self, subscriber: str, *patterns: str) -> int:
        """Subscribe to glob patterns (Redis ``PSUBSCRIBE``); see :func:`glob_to_regex`.

        Returns:
            How many channels and patterns the subscriber is subscribed to now.

        Raises:
            ValueError: No pattern, an empty pattern, or a malformed pattern
                (nothing is subscribed then, not even the valid ones).
        """
        raise NotImplementedError("compile every pattern first, then register the subscriber under each")

    def unsubscribe(self, subscriber: str, *channels: str) -> int:
        """Leave the given channels, or every channel when none is given.

        Unsubscribing from a channel you are not on is not an error. Messages
        already in the inbox stay there.

        Returns:
            How many channels and patterns the subscriber is still subscribed to.
        """
        raise NotImplementedError("leave the named channels (all when none); drop channels left empty")

    def punsubscribe(self, subscriber: str, *patterns: str) -> int:
        """Leave the given patterns, or every pattern when none is given.

        Returns:
            How many channels and patterns the subscriber is still subscribed to.
        """
        raise NotImplementedError("leave the named patterns (all when none)")

    def publish(self, channel: str, data: str) -> int:
        """Deliver ``data`` to every matching subscription and return how many got it.

        Order of delivery: first the channel's direct subscribers in the order
        they subscribed, then pattern subscriptions in the order the patterns
        were first subscribed (and, per pattern, subscribers in their order).
        A subscriber on the channel that also has matching patterns receives
        one message per subscription, as in Redis, and each one counts.

        Back-pressure: if an inbox already holds ``max_pending`` messages, that
        subscriber is disconnected instead of receiving: all its subscriptions
        are removed, its inbox is emptied, and it is not counted. It shows up
        in :meth:`is_disconnected` until it subscribes again.

        Raises:
            ValueError: An empty channel name.
        """
        raise NotImplementedError("deliver to direct then pattern subscribers; disconnect full inboxes; count")

    def drain(self, subscriber: str) -> list[Message]:
        """Return and remove the subscriber's pending messages, oldest first.

        An unknown subscriber simply has no messages.
        """
        raise NotImplementedError("return the inbox (oldest first) and leave it empty")

    def numsub(self, channel: str) -> int:
        """Return how many subscribers the channel has directly (patterns not counted)."""
        raise NotImplementedError("return the number of direct subscribers of the channel")

    def channels(self, pattern: str | None = None) -> list[str]:
        """Return the sorted names of channels with at least one direct subscriber.

        Args:
            pattern: Only channels matching this glob (Redis ``PUBSUB CHANNELS``).
        """
        raise NotImplementedError("return sorted channels that have direct subscribers, filtered by the glob")

    def is_disconnected(self, subscriber: str) -> bool:
        """Return True if the subscriber was disconnected for a full inbox."""
        raise NotImplementedError("say whether the subscriber was cut off and has not subscribed since")
