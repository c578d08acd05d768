"""Adapters and strategies: one interface in front of providers with different APIs.

Every backend ends up talking to third-party providers: email, SMS, chat, payments.
Their SDKs all look different, and they change, fail and get replaced. The
*adapter* pattern wraps each SDK behind one small interface (``Notifier``), so the
rest of the code never sees vendor details. The *strategy* pattern then lets the
``NotificationService`` pick which notifier to use at runtime, and fall back to the
next one when a provider is down.

The three "vendor SDKs" below are fakes that behave like real ones (they record
what was sent so tests can inspect it). They are given and complete: do not change
them. Your code goes into the adapters, ``detect_channel`` and the service.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

# ---------------------------------------------------------------- vendor SDKs (given)


class SmtpClient:
    """Fake email SDK. Native API: ``send_mail(sender, recipients, subject, body) -> dict``."""

    def __init__(self, fail_with: Exception | None = None, queued: bool = True) -> None:
        self.outbox: list[dict[str, object]] = []
        self.fail_with = fail_with
        self.queued = queued

    def send_mail(self, sender: str, recipients: list[str], subject: str, body: str) -> dict[str, object]:
        """Queue an email; returns ``{"queued": bool, "id": "smtp-N"}`` or raises OSError-like errors."""
        if self.fail_with is not None:
            raise self.fail_with
        self.outbox.append({"from": sender, "to": list(recipients), "subject": subject, "body": body})
        return {"queued": self.queued, "id": f"smtp-{len(self.outbox)}"}


class SmsGateway:
    """Fake SMS HTTP API. Native API: ``post(payload) -> (status_code, json_body)``."""

    def __init__(self, status: int = 200) -> None:
        self.requests: list[dict[str, str]] = []
        self.status = status

    def post(self, payload: dict[str, str]) -> tuple[int, dict[str, str]]:
        """Send ``{"to": "+15551234567", "text": "..."}``; never raises, reports errors by status."""
        self.requests.append(dict(payload))
        if self.status != 200:
            return self.status, {"error": "gateway unavailable"}
        if not re.fullmatch(r"\+[0-9]{8,15}", payload.get("to", "")):
            return 400, {"error": "invalid number"}
        if len(payload.get("text", "")) > 160:
            return 413, {"error": "text too long"}
        return 200, {"sid": f"SM{len(self.requests):04d}"}


class ChatWebhook:
    """Fake chat webhook. Native API: ``deliver(channel, markdown) -> str`` (a timestamp id)."""

    def __init__(self, down: bool = False) -> None:
        self.posts: list[tuple[str, str]] = []
        self.down = down

    def deliver(self, channel: str, markdown: str) -> str:
        """Post markdown to a channel (name without ``#``); raises ConnectionError when down."""
        if self.down:
            raise ConnectionError("webhook unreachable")
        self.posts.append((channel, markdown))
        return f"{1700000000 + len(self.posts)}.000100"


# ---------------------------------------------------------------- our interface


@dataclass(frozen=True)
class Message:
    """What the application wants to send, provider-neutral."""

    recipient: str
    subject: str
    body: str


@dataclass(frozen=True)
class Receipt:
    """Proof of delivery: which provider took the message, and its id there."""

    provider: str
    message_id: str


class DeliveryError(Exception):
    """A provider could not deliver. ``str(err)`` is ``"<provider>: <reason>"``."""

    def __init__(self, provider: str, reason: str) -> None:
        super().__init__(f"{provider}: {reason}")
        self.provider = provider
        self.reason = reason


class Notifier(Protocol):
    """The one interface the application knows. Adapters implement it structurally."""

    name: str

    def send(self, message: Message) -> Receipt:
        """Deliver ``message`` or raise ``DeliveryError``; never raise vendor errors."""
        ...


# ---------------------------------------------------------------- adapters


class EmailAdapter:
    """Adapt ``SmtpClient`` to ``Notifier``."""

    name = "email"

    def __init__(self, client: SmtpClient, sender: str) -> None:
        """Keep the client and the From address."""
        self.client = client
        self.sender = sender

    def send(self, message: Message) -> Receipt:
        """Send one email.

        Calls ``client.send_mail(sender, [recipient], subject, body)`` exactly once.

        Returns:
            ``Receipt("email", <the "id" from the client's answer>)``.

        Raises:
            DeliveryError: provider ``"email"``; reason ``str(err)`` if the client
                raises an ``OSError`` (ConnectionError and TimeoutError are
                OSErrors), or ``"not queued"`` if the answer has ``queued`` False.
        """
        try:
            answer = self.client.send_mail(self.sender, [message.recipient], message.subject, message.body)
        except OSError as err:
            raise DeliveryError(self.name, str(err)) from err
        if not answer.get("queued"):
            raise DeliveryError(self.name, "not queued")
        return Receipt(self.name, str(answer["id"]))


class SmsAdapter:
    """Adapt ``SmsGateway`` to ``Notifier``."""

    name = "sms"
    limit = 160

    def __init__(self, gateway: SmsGateway) -> None:
        """Keep the gateway."""
        self.gateway = gateway

    def send(self, message: Message) -> Receipt:
        """Send one SMS.

        The text is ``"<subject>: <body>"`` (just the body when the subject is
        empty). If that is longer than 160 characters, cut it to 157 characters and
        append ``"..."`` so it is exactly 160. Posts ``{"to": recipient, "text": text}``
        once.

        Returns:
            ``Receipt("sms", <the "sid" from the answer>)`` for status 200.

        Raises:
            DeliveryError: provider ``"sms"``, reason ``"HTTP <status>: <error>"``
                (error from the answer's ``"error"`` key) for any other status.
        """
        text = f"{message.subject}: {message.body}" if message.subject else message.body
        if len(text) > self.limit:
            text = text[: self.limit - 3] + "..."
        status, answer = self.gateway.post({"to": message.recipient, "text": text})
        if status != 200:
            raise DeliveryError(self.name, f"HTTP {status}: {answer.get('error', 'unknown error')}")
        return Receipt(self.name, answer["sid"])


class ChatAdapter:
    """Adapt ``ChatWebhook`` to ``Notifier``."""

    name = "chat"

    def __init__(self, webhook: ChatWebhook) -> None:
        """Keep the webhook."""
        self.webhook = webhook

    def send(self, message: Message) -> Receipt:
        """Post one chat message.

        The recipient must look like ``"#channel"``; the webhook gets the channel
        name without ``#`` and the markdown ``"*<subject>*\\n<body>"``.

        Returns:
            ``Receipt("chat", <the id returned by deliver>)``.

        Raises:
            DeliveryError: provider ``"chat"``; reason ``"recipient must start with #"``
                (without calling the webhook) for other recipients, or ``str(err)``
                when the webhook raises ``ConnectionError``.
        """
        if not message.recipient.startswith("#") or len(message.recipient) < 2:
            raise DeliveryError(self.name, "recipient must start with #")
        try:
            ts = self.webhook.deliver(message.recipient[1:], f"*{message.subject}*\n{message.body}")
        except ConnectionError as err:
            raise DeliveryError(self.name, str(err)) from err
        return Receipt(self.name, ts)


# ---------------------------------------------------------------- strategy selection


def detect_channel(recipient: str) -> str:
    """Pick a channel from the shape of the recipient.

    - ``"#ops"`` (``#`` then at least one character): ``"chat"``;
    - ``"+4915112345678"`` (``+`` then 8 to 15 digits): ``"sms"``;
    - ``"ann@example.com"`` (exactly one ``@`` with text on both sides): ``"email"``.

    Surrounding whitespace is ignored.

    Raises:
        ValueError: for anything else, message containing the recipient.
    """
    value = recipient.strip()
    if len(value) > 1 and value.startswith("#"):
        return "chat"
    if re.fullmatch(r"\+[0-9]{8,15}", value):
        return "sms"
    local, at, domain = value.partition("@")
    if at and local and domain and "@" not in domain:
        return "email"
    raise ValueError(f"cannot tell which channel to use for recipient {recipient!r}")


class NotificationService:
    """Send messages through per-channel notifiers, falling back in order.

    ``routes`` maps a channel name to an ordered list of notifiers, e.g.
    ``{"email": [primary_email, backup_email], "sms": [sms]}``. The service depends
    only on the ``Notifier`` protocol; anything with ``name`` and ``send`` works.
    """

    def __init__(self, routes: Mapping[str, Sequence[Notifier]]) -> None:
        """Store a copy of the routes.

        Raises:
            ValueError: if ``routes`` is empty or any channel has no notifiers.
        """
        if not routes:
            raise ValueError("at least one route is needed")
        for channel, notifiers in routes.items():
            if not notifiers:
                raise ValueError(f"channel {channel!r} has no notifiers")
        self.routes = {channel: list(notifiers) for channel, notifiers in routes.items()}

    def notify(self, message: Message, channel: str | None = None) -> Receipt:
        """Deliver ``message`` on ``channel`` (detected from the recipient when None).

        Tries the channel's notifiers in order and returns the first receipt. A
        ``DeliveryError`` moves on to the next notifier; any other exception is a
        bug and propagates at once.

        Raises:
            ValueError: if the channel cannot be detected, or has no route; message
                ``"no route for channel 'x'; known: chat, email"`` (sorted).
            DeliveryError: provider ``"all"`` when every notifier failed; reason is
                the ``str()`` of each failure joined with ``"; "``, in order.
        """
        chosen = channel if channel is not None else detect_channel(message.recipient)
        if chosen not in self.routes:
            raise ValueError(f"no route for channel {chosen!r}; known: {', '.join(sorted(self.routes))}")
        failures: list[str] = []
        for notifier in self.routes[chosen]:
            try:
                return notifier.send(message)
            except DeliveryError as err:
                failures.append(str(err))
        raise DeliveryError("all", "; ".join(failures))
