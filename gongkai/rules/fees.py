"""信息处理费 (国办函〔2020〕109号《政府信息公开信息处理费管理办法》).

Both methods are 超额累进 (progressive on the excess only) and never combined on one application:
- 按件 (per request, same applicant, one calendar month): 1–10 free; 11–30 100元/件; from the
  31st request every band of 10 costs 100元/件 more (31–40 200元, 41–50 300元, ...).
- 按量 (per page): 1–30 free; 31–100 10元/页; 101–200 20元/页; 201+ 40元/页.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

BASIS = "国办函〔2020〕109号《政府信息公开信息处理费管理办法》"


class FeeMethod(StrEnum):
    PER_REQUEST = "per_request"  # 按件
    PER_PAGE = "per_page"  # 按量

    @property
    def label(self) -> str:
        return "按件计收" if self is FeeMethod.PER_REQUEST else "按量计收"

    @property
    def unit(self) -> str:
        return "件" if self is FeeMethod.PER_REQUEST else "页"


class FeeError(ValueError):
    """Bad fee input; the message is Chinese."""


@dataclass(frozen=True)
class FeeLine:
    first: int
    last: int
    unit_price: Decimal
    unit: str

    @property
    def count(self) -> int:
        return self.last - self.first + 1

    @property
    def amount(self) -> Decimal:
        return self.unit_price * self.count

    def __str__(self) -> str:
        span = (
            f"第{self.first}{self.unit}"
            if self.first == self.last
            else f"第{self.first}–{self.last}{self.unit}"
        )
        if not self.unit_price:
            return f"{span}：免费（{self.count}{self.unit}）"
        return (
            f"{span}：{self.count}{self.unit} × {self.unit_price}元/{self.unit} = {self.amount}元"
        )


@dataclass(frozen=True)
class Fee:
    method: FeeMethod
    quantity: int
    lines: tuple[FeeLine, ...] = field(default_factory=tuple)

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal(0))

    def breakdown(self) -> list[str]:
        return [str(line) for line in self.lines]

    def to_dict(self) -> dict:
        return {
            "method": self.method.value,
            "quantity": self.quantity,
            "total": str(self.total),
            "lines": [
                {
                    "first": ln.first,
                    "last": ln.last,
                    "count": ln.count,
                    "unit_price": str(ln.unit_price),
                    "amount": str(ln.amount),
                    "text": str(ln),
                }
                for ln in self.lines
            ],
            "basis": BASIS,
        }


def per_request_unit_price(k: int) -> Decimal:
    """Price of the k-th request of one applicant in one calendar month."""
    if k < 1:
        raise FeeError("申请件数应为正整数")
    if k <= 10:
        return Decimal(0)
    if k <= 30:
        return Decimal(100)
    return Decimal(100) * (2 + (k - 31) // 10)


def per_page_unit_price(p: int) -> Decimal:
    """Price of the p-th page of one delivery."""
    if p < 1:
        raise FeeError("页数应为正整数")
    if p <= 30:
        return Decimal(0)
    if p <= 100:
        return Decimal(10)
    if p <= 200:
        return Decimal(20)
    return Decimal(40)


def _band_end(k: int, method: FeeMethod) -> int:
    if method is FeeMethod.PER_REQUEST:
        if k <= 10:
            return 10
        if k <= 30:
            return 30
        return 30 + 10 * ((k - 31) // 10 + 1)
    for end in (30, 100, 200):
        if k <= end:
            return end
    return 10**18


def _bands(n: int, method: FeeMethod) -> Fee:
    if isinstance(n, bool) or not isinstance(n, int):
        raise FeeError(f"数量应为整数，实际为“{n}”")
    if n < 0:
        raise FeeError(f"数量不能为负数：{n}")
    price = per_request_unit_price if method is FeeMethod.PER_REQUEST else per_page_unit_price
    lines: list[FeeLine] = []
    k = 1
    while k <= n:
        unit = price(k)
        last = min(n, _band_end(k, method))
        lines.append(FeeLine(k, last, unit, method.unit))
        k = last + 1
    return Fee(method, n, tuple(lines))


def per_request(n: int) -> Fee:
    """按件: fee for n requests of one applicant in one calendar month."""
    return _bands(n, FeeMethod.PER_REQUEST)


def per_page(n: int) -> Fee:
    """按量: fee for n pages."""
    return _bands(n, FeeMethod.PER_PAGE)


def compute(method: FeeMethod | str, quantity: int) -> Fee:
    try:
        method = FeeMethod(method)
    except ValueError:
        raise FeeError(
            f"未知的计费方式“{method}”（可用：per_request 按件、per_page 按量）"
        ) from None
    return per_request(quantity) if method is FeeMethod.PER_REQUEST else per_page(quantity)


def check_single_method(methods: list[FeeMethod | str]) -> None:
    """One application is charged by one method only (办法第三条)."""
    if len({FeeMethod(m) for m in methods}) > 1:
        raise FeeError("同一申请只能选择按件或按量一种方式计收，不得同时适用")
