"""Tests for ex02: adapters around vendor SDKs, and a strategy-based service with fallback."""

from __future__ import annotations

import pytest
from practice.notifications import (
    ChatAdapter,
    ChatWebhook,
    DeliveryError,
    EmailAdapter,
    Message,
    NotificationService,
    Receipt,
    SmsAdapter,
    SmsGateway,
    SmtpClient,
    detect_channel,
)

HELLO = Message(recipient="ann@example.com", subject="Welcome", body="Hi Ann, thanks for signing up.")


class FakeNotifier:
    """Satisfies the Notifier protocol without inheriting from anything."""

    def __init__(self, name: str, fail: bool = False) -> None:
        self.name = name
        self.fail = fail
        self.sent: list[Message] = []

    def send(self, message: Message) -> Receipt:
        self.sent.append(message)
        if self.fail:
            raise DeliveryError(self.name, "down for maintenance")
        return Receipt(self.name, f"{self.name}-{len(self.sent)}")


# ---------------------------------------------------------------- adapters


def test_email_adapter_translates_call_and_answer() -> None:
    client = SmtpClient()
    receipt = EmailAdapter(client, sender="noreply@shop.io").send(HELLO)
    assert receipt == Receipt("email", "smtp-1"), f"receipt should carry the SMTP id, got {receipt}"
    assert client.outbox == [
        {"from": "noreply@shop.io", "to": ["ann@example.com"], "subject": "Welcome", "body": HELLO.body}
    ], f"send_mail should get sender, [recipient], subject and body; outbox is {client.outbox}"


@pytest.mark.parametrize(
    ("client", "reason"),
    [
        (SmtpClient(fail_with=ConnectionError("connection refused")), "connection refused"),
        (SmtpClient(fail_with=TimeoutError("timed out")), "timed out"),
        (SmtpClient(queued=False), "not queued"),
    ],
)
def test_email_adapter_wraps_vendor_failures(client: SmtpClient, reason: str) -> None:
    with pytest.raises(DeliveryError) as info:
        EmailAdapter(client, sender="noreply@shop.io").send(HELLO)
    assert (info.value.provider, info.value.reason) == ("email", reason), (
        f"vendor failure should become DeliveryError('email', {reason!r}), got {info.value!r}"
    )


def test_sms_adapter_builds_text_and_reads_sid() -> None:
    gateway = SmsGateway()
    adapter = SmsAdapter(gateway)
    receipt = adapter.send(Message("+4915112345678", "Code", "Your code is 123456"))
    assert receipt == Receipt("sms", "SM0001"), f"receipt should carry the sid, got {receipt}"
    assert gateway.requests == [{"to": "+4915112345678", "text": "Code: Your code is 123456"}], (
        f"payload should be to + 'subject: body', got {gateway.requests}"
    )
    adapter.send(Message("+4915112345678", "", "no subject here"))
    assert gateway.requests[-1]["text"] == "no subject here", "an empty subject means just the body"


def test_sms_adapter_truncates_long_text_to_160() -> None:
    gateway = SmsGateway()
    SmsAdapter(gateway).send(Message("+4915112345678", "Ünïcode", "é" * 300))
    text = gateway.requests[0]["text"]
    assert len(text) == 160, f"long texts should be cut to exactly 160 characters, got {len(text)}"
    assert text.endswith("...") and text.startswith("Ünïcode: é"), f"cut text should end with '...', got {text!r}"


@pytest.mark.parametrize(
    ("gateway", "recipient", "reason"),
    [
        (SmsGateway(), "12345", "HTTP 400: invalid number"),
        (SmsGateway(status=503), "+4915112345678", "HTTP 503: gateway unavailable"),
    ],
)
def test_sms_adapter_turns_status_codes_into_errors(gateway: SmsGateway, recipient: str, reason: str) -> None:
    with pytest.raises(DeliveryError) as info:
        SmsAdapter(gateway).send(Message(recipient, "Hi", "there"))
    assert str(info.value) == f"sms: {reason}", f"expected 'sms: {reason}', got {str(info.value)!r}"


def test_chat_adapter() -> None:
    webhook = ChatWebhook()
    receipt = ChatAdapter(webhook).send(Message("#ops", "Deploy done", "v1.4.2 is live"))
    assert receipt == Receipt("chat", "1700000001.000100"), f"receipt should carry the webhook ts, got {receipt}"
    assert webhook.posts == [("ops", "*Deploy done*\nv1.4.2 is live")], (
        f"channel without '#', markdown; got {webhook.posts}"
    )
    with pytest.raises(DeliveryError) as info:
        ChatAdapter(webhook).send(HELLO)
    assert info.value.reason == "recipient must start with #", f"wrong reason: {info.value.reason!r}"
    assert len(webhook.posts) == 1, "an invalid recipient must not reach the webhook"
    with pytest.raises(DeliveryError) as down:
        ChatAdapter(ChatWebhook(down=True)).send(Message("#ops", "x", "y"))
    assert str(down.value) == "chat: webhook unreachable", f"ConnectionError should be wrapped, got {down.value}"


# ---------------------------------------------------------------- detect_channel


@pytest.mark.parametrize(
    ("recipient", "channel"),
    [
        ("ann@example.com", "email"),
        ("  zoë@exämple.de ", "email"),
        ("+4915112345678", "sms"),
        ("#ops", "chat"),
        ("#", None),
        ("+49 151", None),
        ("a@@b", None),
        ("@example.com", None),
        ("", None),
    ],
)
def test_detect_channel(recipient: str, channel: str | None) -> None:
    if channel is None:
        with pytest.raises(ValueError):
            detect_channel(recipient)
    else:
        got = detect_channel(recipient)
        assert got == channel, f"detect_channel({recipient!r}) should be {channel!r}, got {got!r}"


# ---------------------------------------------------------------- service


def test_service_uses_first_notifier_and_detects_channel() -> None:
    primary, backup, chat = FakeNotifier("ses"), FakeNotifier("smtp"), FakeNotifier("slack")
    service = NotificationService({"email": [primary, backup], "chat": [chat]})
    receipt = service.notify(HELLO)
    assert receipt == Receipt("ses", "ses-1"), f"the first notifier should handle it, got {receipt}"
    assert backup.sent == [] and chat.sent == [], "no other notifier should be used when the first works"
    service.notify(Message("#ops", "s", "b"))
    assert len(chat.sent) == 1, "a '#channel' recipient should be routed to the chat notifiers"


def test_service_falls_back_in_order() -> None:
    broken, backup = FakeNotifier("ses", fail=True), FakeNotifier("smtp")
    service = NotificationService({"email": [broken, backup]})
    receipt = service.notify(HELLO)
    assert receipt == Receipt("smtp", "smtp-1"), f"when the first fails, the second should deliver, got {receipt}"
    assert broken.sent == [HELLO], "the broken notifier should have been tried first"


def test_service_reports_every_failure() -> None:
    service = NotificationService({"email": [FakeNotifier("ses", fail=True), FakeNotifier("smtp", fail=True)]})
    with pytest.raises(DeliveryError) as info:
        service.notify(HELLO)
    want = "all: ses: down for maintenance; smtp: down for maintenance"
    assert str(info.value) == want, f"expected {want!r}, got {str(info.value)!r}"


def test_service_does_not_swallow_bugs() -> None:
    class Buggy(FakeNotifier):
        def send(self, message: Message) -> Receipt:
            raise KeyError("bug in adapter")

    backup = FakeNotifier("smtp")
    service = NotificationService({"email": [Buggy("ses"), backup]})
    with pytest.raises(KeyError):
        service.notify(HELLO)
    assert backup.sent == [], "only DeliveryError triggers fallback; other errors are bugs and propagate"


def test_service_routing_errors() -> None:
    service = NotificationService({"email": [FakeNotifier("ses")], "chat": [FakeNotifier("slack")]})
    with pytest.raises(ValueError) as info:
        service.notify(Message("+4915112345678", "s", "b"))
    assert str(info.value) == "no route for channel 'sms'; known: chat, email", f"got {str(info.value)!r}"
    with pytest.raises(ValueError):
        service.notify(Message("nobody", "s", "b"))
    assert service.notify(HELLO, channel="chat").provider == "slack", "an explicit channel overrides detection"


@pytest.mark.parametrize("routes", [{}, {"email": []}])
def test_service_rejects_empty_routes(routes: dict[str, list[FakeNotifier]]) -> None:
    with pytest.raises(ValueError):
        NotificationService(routes)


def test_end_to_end_with_real_adapters() -> None:
    gateway = SmsGateway(status=503)
    client = SmtpClient()
    service = NotificationService(
        {
            "sms": [SmsAdapter(gateway)],
            "email": [EmailAdapter(client, "noreply@shop.io")],
            "chat": [ChatAdapter(ChatWebhook())],
        }
    )
    with pytest.raises(DeliveryError) as info:
        service.notify(Message("+4915112345678", "Code", "1234"))
    assert str(info.value) == "all: sms: HTTP 503: gateway unavailable", f"got {str(info.value)!r}"
    assert service.notify(HELLO) == Receipt("email", "smtp-1"), "email should go through the SMTP adapter"
