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
    out: list[str] = []
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "*":
            out.append(".*")
        elif char == "?":
            out.append(".")
        elif char == "\\":
            if i + 1 == len(pattern):
                raise ValueError(f"pattern {pattern!r} ends with a lone backslash")
            i += 1
            out.append(re.escape(pattern[i]))
        elif char == "[":
            end = pattern.find("]", i + 2)
            if end == -1:
                raise ValueError(f"unclosed '[' in pattern {pattern!r}")
            body = pattern[i + 1 : end]
            negate = body.startswith("^")
            if negate:
                body = body[1:]
            parts = []
            j = 0
            while j < len(body):
                if j + 2 < len(body) and body[j + 1] == "-":
                    parts.append(f"{re.escape(body[j])}-{re.escape(body[j + 2])}")
                    j += 3
                else:
                    parts.append(re.escape(body[j]))
                    j += 1
            if not parts:
                raise ValueError(f"empty character class in pattern {pattern!r}")
            out.append("[" + ("^" if negate else "") + "".join(parts) + "]")
            i = end
        else:
            out.append(re.escape(char))
        i += 1
    return re.compile("".join(out), re.DOTALL)


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

    def _subscriptions(self, subscriber: str) -> int:
        direct = sum(subscriber in subs for subs in self._channels.values())
        patterned = sum(subscriber in subs for subs in self._patterns.values())
        return direct + patterned

    def subscribe(self, subscriber: str, *channels: str) -> int:
        """Subscribe to channels (Redis ``SUBSCRIBE``).

        Subscribing twice to the same channel changes nothing. Subscribing
        clears a previous disconnection of this subscriber.

        Returns:
            How many channels AND patterns the subscriber is subscribed to now.

        Raises:
            ValueError: No channel given, or an empty channel name.
        """
        if not channels or any(not channel for channel in channels):
            raise ValueError("subscribe needs one or more non-empty channel names")
        self._disconnected.discard(subscriber)
        self._inboxes.setdefault(subscriber, [])
        for channel in channels:
            subs = self._channels.setdefault(channel, [])
            if subscriber not in subs:
                subs.append(subscriber)
        return self._subscriptions(subscriber)

    def psubscribe(self, subscriber: str, *patterns: str) -> int:
        """Subscribe to glob patterns (Redis ``PSUBSCRIBE``); see :func:`glob_to_regex`.

        Returns:
            How many channels and patterns the subscriber is subscribed to now.

        Raises:
            ValueError: No pattern, an empty pattern, or a malformed pattern
                (nothing is subscribed then, not even the valid ones).
        """
        if not patterns or any(not pattern for pattern in patterns):
            raise ValueError("psubscribe needs one or more non-empty patterns")
        compiled = {pattern: glob_to_regex(pattern) for pattern in patterns}
        self._disconnected.discard(subscriber)
        self._inboxes.setdefault(subscriber, [])
        for pattern, regex in compiled.items():
            self._compiled[pattern] = regex
            subs = self._patterns.setdefault(pattern, [])
            if subscriber not in subs:
                subs.append(subscriber)
        return self._subscriptions(subscriber)

    @staticmethod
    def _leave(table: dict[str, list[str]], subscriber: str, names: tuple[str, ...]) -> None:
        for name in names or list(table):
            subs = table.get(name)
            if subs and subscriber in subs:
                subs.remove(subscriber)
                if not subs:
                    del table[name]

    def unsubscribe(self, subscriber: str, *channels: str) -> int:
        """Leave the given channels, or every channel when none is given.

        Unsubscribing from a channel you are not on is not an error. Messages
        already in the inbox stay there.

        Returns:
            How many channels and patterns the subscriber is still subscribed to.
        """
        self._leave(self._channels, subscriber, channels)
        return self._subscriptions(subscriber)

    def punsubscribe(self, subscriber: str, *patterns: str) -> int:
        """Leave the given patterns, or every pattern when none is given.

        Returns:
            How many channels and patterns the subscriber is still subscribed to.
        """
        self._leave(self._patterns, subscriber, patterns)
        return self._subscriptions(subscriber)

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
        if not channel:
            raise ValueError("cannot publish to an empty channel name")
        deliveries = [(sub, Message(channel, data)) for sub in self._channels.get(channel, [])]
        for pattern, subs in self._patterns.items():
            if self._compiled[pattern].fullmatch(channel):
                deliveries.extend((sub, Message(channel, data, pattern)) for sub in subs)
        delivered = 0
        for subscriber, message in deliveries:
            if subscriber in self._disconnected:
                continue
            inbox = self._inboxes[subscriber]
            if self.max_pending is not None and len(inbox) >= self.max_pending:
                self._disconnect(subscriber)
                continue
            inbox.append(message)
            delivered += 1
        return delivered

    def _disconnect(self, subscriber: str) -> None:
        self._leave(self._channels, subscriber, ())
        self._leave(self._patterns, subscriber, ())
        self._inboxes[subscriber] = []
        self._disconnected.add(subscriber)

    def drain(self, subscriber: str) -> list[Message]:
        """Return and remove the subscriber's pending messages, oldest first.

        An unknown subscriber simply has no messages.
        """
        if subscriber not in self._inboxes:
            return []
        messages = self._inboxes[subscriber]
        self._inboxes[subscriber] = []
        return messages

    def numsub(self, channel: str) -> int:
        """Return how many subscribers the channel has directly (patterns not counted)."""
        return len(self._channels.get(channel, []))

    def channels(self, pattern: str | None = None) -> list[str]:
        """Return the sorted names of channels with at least one direct subscriber.

        Args:
            pattern: Only channels matching this glob (Redis ``PUBSUB CHANNELS``).
        """
        names = sorted(self._channels)
        if pattern is None:
            return names
        regex = glob_to_regex(pattern)
        return [name for name in names if regex.fullmatch(name)]

    def is_disconnected(self, subscriber: str) -> bool:
        """Return True if the subscriber was disconnected for a full inbox."""
        return subscriber in self._disconnected
