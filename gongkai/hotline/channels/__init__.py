"""Channels a ticket arrives on besides the staff and portal forms: WeChat push, e-mail,
the upstream 12345 platform, the telephony system (CTI)."""
