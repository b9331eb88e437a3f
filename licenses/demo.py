"""E-license demo data: license types for the demo catalogue, department seals, and two
licenses for the demo resident 陈明辉 so the wallet and "zero materials" show at once.

Idempotent: types are upserted by code, seals created only where missing, the demo
licenses issued only when the resident holds none of that type.
"""

from __future__ import annotations

from core import clock
from identity.demo import DEMO_RESIDENTS
from identity.tables import Person
from licenses import issuance, seals
from licenses.issuance import HolderRef
from licenses.runtime import LicenseRuntime
from licenses.tables import License
from licenses.types import LicenseTypeField, LicenseTypeRow, type_by_code, upsert_type

ACTOR = "system:demo"

F = LicenseTypeField
DEMO_TYPES = (
    LicenseTypeRow(
        code="residence-permit",
        type_code="1101",
        name="福建省居住证",
        name_en="Fujian residence permit",
        department_code="350100-GA",
        category="public-security",
        fields=(
            F("address", "居住地址", "Address of residence", "address"),
            F("moved_in_on", "居住起始日期", "Resident since", "moved_in_on"),
            F("purpose", "居住事由", "Reason for residence", "purpose"),
        ),
        validity_days=365,
        issuing_items=("350100-GA-0001",),
    ),
    LicenseTypeRow(
        code="resident-id-card",
        type_code="1001",
        name="居民身份证电子证照",
        name_en="Resident ID card (e-license)",
        department_code="350100-GA",
        category="public-security",
        fields=(F("reason", "换领原因", "Reason for renewal", "reason"),),
        validity_days=3650,
        issuing_items=("350100-GA-0006",),
    ),
    LicenseTypeRow(
        code="business-licence",
        type_code="2101",
        name="个体工商户营业执照",
        name_en="Individual business licence",
        department_code="350100-SJ",
        category="market",
        fields=(
            F("trade_name", "字号名称", "Trade name", "trade_name"),
            F("premises", "经营场所", "Premises", "premises"),
            F("scope", "经营范围", "Business scope", "scope"),
            F("capital", "资金数额（元）", "Capital (yuan)", "capital"),
            F("form_of_business", "组成形式", "Form of business", "form_of_business"),
        ),
        validity_days=None,
        issuing_items=("350100-SJ-0001",),
    ),
    LicenseTypeRow(
        code="food-business-licence",
        type_code="2102",
        name="食品经营许可证",
        name_en="Food business licence",
        department_code="350100-SJ",
        category="market",
        fields=(
            F("business_type", "经营项目", "Kind of business", "business_type"),
            F("area", "经营面积（平方米）", "Floor area (m²)", "area"),
        ),
        validity_days=1825,
        issuing_items=("350100-SJ-0003",),
    ),
    LicenseTypeRow(
        code="marriage-appointment",
        type_code="3101",
        name="结婚登记预约确认单",
        name_en="Marriage registration appointment confirmation",
        department_code="350100-MZ",
        category="civil-affairs",
        fields=(
            F("groom_name", "男方姓名", "Groom", "groom_name"),
            F("bride_name", "女方姓名", "Bride", "bride_name"),
            F("appointment_on", "预约日期", "Appointment date", "appointment_on"),
            F("registry", "登记机关", "Registry", "registry"),
        ),
        validity_days=30,
        issuing_items=("350100-MZ-0001",),
    ),
    LicenseTypeRow(
        code="social-security-card",
        type_code="4101",
        name="社会保障卡（补换）记录",
        name_en="Social security card record",
        department_code="350100-RS",
        category="social-security",
        fields=(
            F("reason", "补换原因", "Reason for replacement", "reason"),
            F("bank", "服务银行", "Service bank", "bank"),
        ),
        validity_days=3650,
        issuing_items=("350100-RS-0001",),
    ),
)

#: What the demo resident already holds (type, fields).
_DEMO_LICENSES = (
    ("resident-id-card", [("reason", "expiry")]),
    ("residence-permit", [("address", "福州市鼓楼区五四路 158 号"), ("purpose", "work")]),
)


async def seed_license_demo(runtime: LicenseRuntime, *, with_holdings: bool = True) -> str:
    for row in DEMO_TYPES:
        await upsert_type(row)
    for department in sorted({row.department_code for row in DEMO_TYPES}):
        await seals.ensure_seal(
            runtime.keys, runtime.store, department_code=department, actor=ACTOR
        )
    issued = 0
    person = await Person.select(Person.id).where(Person.name == DEMO_RESIDENTS[0]).first()
    if with_holdings and person is not None:
        for code, fields in _DEMO_LICENSES:
            held = await License.exists().where(
                (License.holder_person == person["id"]) & (License.license_type == code)
            )
            license_type = await type_by_code(code)
            if held or license_type is None:
                continue
            await issuance.issue(
                runtime,
                license_type=license_type,
                holder=HolderRef("person", person["id"]),
                fields=fields,
                at=clock.now(),
                actor=ACTOR,
            )
            issued += 1
    return f"{len(DEMO_TYPES)} license types, {issued} demo licenses issued"
