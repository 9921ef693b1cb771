"""Chinese wording for Django's validator messages whose zh_Hans translation reads badly
("确保该变量包含不超过 10 字符" speaks of a "variable" to an officer). Applied once at start
(CoreConfig.ready) to the validator classes, so every form and model field gets it."""

from __future__ import annotations

from django.core import validators

MESSAGES = {
    validators.MaxLengthValidator: "内容过长：最多 %(limit_value)d 个字符（现有 %(show_value)d 个）。",
    validators.MinLengthValidator: "内容过短：至少 %(limit_value)d 个字符（现有 %(show_value)d 个）。",
    validators.MaxValueValidator: "不能大于 %(limit_value)s。",
    validators.MinValueValidator: "不能小于 %(limit_value)s。",
    validators.StepValueValidator: "须为 %(limit_value)s 的整数倍。",
}


def apply() -> None:
    for validator, message in MESSAGES.items():
        validator.message = message
