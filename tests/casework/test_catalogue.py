"""Reading the catalogue: an item's published version in full, categories, and the
constructors other casework modules use to show an item."""

from __future__ import annotations

import uuid

from casework import catalogue as service
from casework.demo import ITEMS
from casework.forms import KNOWN_FILE_TYPES, parse_form, parse_materials
from casework.graphql.catalogue import ServiceItem, service_item_of
from casework.tables import ServiceItem as ItemTable
from casework.tables import ServiceItemVersion
from reference.tables import Department
from tests.casework.conftest import Api
from tests.casework.factories import publish_item
from tests.casework.test_search import catalogue as catalogue  # the fixture

ITEM = """query($c: String!) { serviceItem(code: $c) {
  id code versionId version name nameEn category categoryName categoryNameEn regionCode
  department { code name nameEn category }
  applicantKinds conditions conditionsEn
  materials { key name nameEn required acceptedTypes maxFiles maxBytes licenseTypes note noteEn }
  form { key label labelEn type required minLength maxLength pattern min max
         options { value label labelEn } help helpEn }
  feeFen statutoryDays promisedDays personTier enterpriseTier deliveryOptions fullyOnline
  validFrom status acceptingApplications
} }"""


async def test_an_item_shows_its_published_version_in_full(catalogue: Api) -> None:
    data = await catalogue.data(ITEM, {"c": "350100-GA-0004"})
    item = data["serviceItem"]
    assert item["name"] == "普通护照签发（出入境证件办理）"
    assert item["nameEn"].startswith("Ordinary passport")
    assert item["feeFen"] == 12000
    assert (item["statutoryDays"], item["promisedDays"]) == (7, 7)
    assert item["personTier"] == "intermediate"
    assert item["status"] == "PUBLISHED" and item["version"] == 1
    assert item["validFrom"] is not None and item["acceptingApplications"] is True
    assert item["department"] == {
        "code": "350100-GA",
        "name": "福州市公安局",
        "nameEn": "Fuzhou City Public Security Bureau",
        "category": "public-security",
    }
    assert item["category"] == "public-security" and item["categoryName"] == "公安"
    assert item["regionCode"] == "350100"
    assert item["applicantKinds"] == ["PERSON"]
    assert item["deliveryOptions"] == ["HALL", "COURIER"] and item["fullyOnline"] is False
    id_card = item["materials"][0]
    assert id_card["key"] == "id_card" and id_card["required"] is True
    assert id_card["licenseTypes"] == ["resident-id-card"] and id_card["maxFiles"] == 2
    assert set(id_card["acceptedTypes"]) <= KNOWN_FILE_TYPES
    purpose = next(f for f in item["form"] if f["key"] == "purpose")
    assert purpose["type"] == "SELECT"
    assert {"value": "tourism", "label": "旅游", "labelEn": "Tourism"} in purpose["options"]
    types = {f["key"]: f["type"] for f in item["form"]}
    assert types["emergency_phone"] == "PHONE" and types["confirm"] == "BOOLEAN"


async def test_the_code_is_read_case_insensitively(catalogue: Api) -> None:
    data = await catalogue.data(ITEM, {"c": " 350100-ga-0003 "})
    assert data["serviceItem"]["code"] == "350100-GA-0003"
    assert data["serviceItem"]["feeFen"] == 1000


async def test_an_unknown_code_is_null(catalogue: Api) -> None:
    data = await catalogue.data(ITEM, {"c": "350100-GA-9999"})
    assert data["serviceItem"] is None


async def test_categories_count_published_items(catalogue: Api) -> None:
    await publish_item("350100-ZW-9001", status="draft", category="tax")
    data = await catalogue.data("{ serviceCategories { code name nameEn itemCount } }")
    categories = data["serviceCategories"]
    counts = {c["code"]: c["itemCount"] for c in categories}
    assert sum(counts.values()) == len(ITEMS)
    assert counts["social-security"] == 6
    assert counts["housing-fund"] == 4
    assert counts["tax"] == 3  # the draft does not count
    assert counts["natural-resources"] == 0  # every category is listed, even an empty one
    assert categories[0] == {
        "code": "public-security",
        "name": "公安",
        "nameEn": "Public security",
        "itemCount": 7,
    }


def test_the_demo_items_are_well_formed() -> None:
    codes = [code for code, _, _ in ITEMS]
    assert len(codes) == len(set(codes)) >= 30
    fees = [spec.fee_fen for _, _, spec in ITEMS]
    assert sum(fee is None for fee in fees) > len(fees) * 2 // 3  # most are free
    for code, department, spec in ITEMS:
        assert code.startswith(department + "-")
        assert spec.name and spec.name_en and spec.conditions and spec.conditions_en
        for slot in parse_materials(spec.materials):
            assert set(slot.accepted_types) <= KNOWN_FILE_TYPES
            assert slot.name_en
        for field in parse_form(spec.form):
            assert field.label_en
        assert 0 <= spec.promised_days <= spec.statutory_days


async def test_service_item_of_builds_from_the_three_rows(api: Api) -> None:
    item_id, version_id = await publish_item("350100-ZW-0001", fee_fen=500)
    version_row = (
        await ServiceItemVersion.select().where(ServiceItemVersion.id == version_id).first()
    )
    item_row = await ItemTable.select().where(ItemTable.id == item_id).first()
    assert version_row is not None and item_row is not None
    department_row = (
        await Department.select().where(Department.id == item_row["department"]).first()
    )
    assert department_row is not None
    shown = service_item_of(version_row, item_row, department_row)
    assert isinstance(shown, ServiceItem)
    assert (shown.id, shown.version_id, shown.code) == (item_id, version_id, "350100-ZW-0001")
    assert shown.fee_fen == 500 and shown.department.code == "350100-ZW"
    assert [m.key for m in shown.materials] == ["photo", "proof"]
    assert [f.key for f in shown.form] == ["reason", "copies"]


async def test_versions_load_by_id_in_the_order_asked(api: Api) -> None:
    _, first = await publish_item("350100-ZW-0001")
    _, second = await publish_item("350100-ZW-0002", status="retired")
    missing = str(uuid.uuid4())
    found = await service.versions_by_id([second, missing, first, "not-a-uuid"])
    assert [r.version_id if r else None for r in found] == [second, None, first, None]
    assert found[0] is not None and found[0].status is service.VersionStatus.RETIRED
    assert not found[0].accepting_applications(found[0].created_at)
