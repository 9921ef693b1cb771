from django.db import models


class Sequence(models.Model):
    """The last number handed out for one (scope, period), e.g. ("indexno:12", "2026")."""

    scope = models.CharField("范围", max_length=100)
    period = models.CharField("期间", max_length=20)
    last = models.PositiveBigIntegerField("已用到", default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope", "period"], name="numbering_sequence_unique")
        ]
        verbose_name = "流水号"
        verbose_name_plural = "流水号"

    def __str__(self) -> str:
        return f"{self.scope} {self.period}: {self.last}"
