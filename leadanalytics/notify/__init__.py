"""Notifications: the outbox, its templates (nl, en) and delivery over SMTP."""

from leadanalytics.notify.outbox import queue_bonus_notifications, render
from leadanalytics.notify.sender import SmtpSettings, send_outbox

__all__ = ["SmtpSettings", "queue_bonus_notifications", "render", "send_outbox"]
