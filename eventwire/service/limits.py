"""A request-body size limit as a pure ASGI middleware.

A request is refused with ``413`` before its body is read whole:

* at once, when its ``Content-Length`` header says it is over the limit (nothing of the
  body is read);
* while it streams, when the bytes received so far pass the limit (a chunked request,
  or a ``Content-Length`` that lies): the application's ``receive`` raises
  :class:`BodyTooLarge`, an ``HTTPException`` that FastAPI passes through and renders
  as 413; should the exception reach this middleware instead, it sends the 413 itself.
"""
from __future__ import annotations

import json

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class BodyTooLarge(HTTPException):
    """The request body is over the limit."""

    def __init__(self, limit: int, size: int | None = None) -> None:
        said = f"{size:,} bytes" if size is not None else "more than that"
        super().__init__(status_code=413, detail=f"request body too large: {said}; the limit is {limit:,} bytes")


class BodyLimitMiddleware:
    """Refuse request bodies over ``max_bytes`` with 413.

    Args:
        app (ASGIApp): the application.
        max_bytes (int): the largest body accepted.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_bytes:
            await _send_413(send, BodyTooLarge(self.max_bytes, declared))
            return
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except BodyTooLarge as exc:
            if started:
                raise
            await _send_413(send, exc)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _send_413(send: Send, exc: BodyTooLarge) -> None:
    body = json.dumps({"detail": exc.detail}).encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})
