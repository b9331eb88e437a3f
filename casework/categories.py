"""Service categories: the department categories of the reference data, named for people.

An item's category is the category of the kind of department that handles it
(``reference/data/departments.csv``), so "社保" items sit with the human-resources and
social-security bureaus wherever they are. The category code is also what an enterprise
agent's appointment scope names (identity.authz.require_enterprise_authority).

``aliases`` are the everyday words people search with that the official name lacks
(社保 for 社会保障, 医保 for 医疗保障); casework.search indexes them with the category.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Category:
    code: str
    name: str
    name_en: str
    aliases: tuple[str, ...] = ()


CATEGORIES: tuple[Category, ...] = (
    Category("public-security", "公安", "Public security", ("户籍", "户口", "出入境")),
    Category("social-security", "社会保障", "Social security", ("社保", "人社", "就业")),
    Category("market", "市场监管", "Market regulation", ("工商", "营业执照")),
    Category("civil-affairs", "民政", "Civil affairs", ("婚姻",)),
    Category("housing", "住房和城乡建设", "Housing and construction", ("住建", "建设")),
    Category("medical-insurance", "医疗保障", "Medical insurance", ("医保",)),
    Category("tax", "税务", "Tax", ("纳税", "发票")),
    Category("housing-fund", "住房公积金", "Housing provident fund", ("公积金",)),
    Category("health", "卫生健康", "Health", ("卫健", "医疗")),
    Category("education", "教育", "Education", ("学校", "入学")),
    Category("natural-resources", "自然资源", "Natural resources", ("规划", "土地")),
    Category("transport", "交通运输", "Transport", ("交通", "运输")),
    Category("government-services", "政务服务", "Government services", ("行政服务",)),
    Category("real-estate", "不动产登记", "Real estate registration", ("不动产", "房产")),
)

BY_CODE: dict[str, Category] = {c.code: c for c in CATEGORIES}


def category(code: str) -> Category:
    """The category ``code`` (an unknown code, say from older data, is named by its code)."""
    return BY_CODE.get(code) or Category(code, code, code)


def is_known(code: str) -> bool:
    return code in BY_CODE
