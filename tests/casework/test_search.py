"""Chinese search and browse filters over the demo catalogue, as an anonymous visitor."""

from __future__ import annotations

from typing import Any

import pytest

from casework import search
from casework.demo import ITEMS, seed_catalogue
from reference.service import seed_reference_data
from tests.casework.conftest import Api
from tests.casework.factories import publish_item

ITEM_FIELDS = "code name nameEn category regionCode personTier enterpriseTier fullyOnline status"
LIST = f"""query($q: String, $region: String, $department: String, $category: String,
    $tier: String, $online: Boolean, $kind: ApplicantKind, $first: Int, $after: String) {{
  serviceItems(query: $q, regionCode: $region, departmentCode: $department,
      category: $category, tier: $tier, fullyOnline: $online, applicantKind: $kind,
      first: $first, after: $after) {{
    pageInfo {{ hasNextPage endCursor }}
    edges {{ cursor node {{ {ITEM_FIELDS} }} }}
  }}
}}"""
DEMO_CODES = sorted(code for code, _, _ in ITEMS)


@pytest.fixture
async def catalogue(api: Api) -> Api:
    """The app with Fujian's reference data and the demo catalogue."""
    await seed_reference_data()
    await seed_catalogue()
    return api


async def items(api: Api, **variables: Any) -> list[dict[str, Any]]:
    """Every matching item over all pages (anonymous), in the order served."""
    found: list[dict[str, Any]] = []
    after = None
    while True:
        data = await api.data(LIST, {**variables, "first": 50, "after": after})
        page = data["serviceItems"]
        found.extend(edge["node"] for edge in page["edges"])
        if not page["pageInfo"]["hasNextPage"]:
            return found
        after = page["pageInfo"]["endCursor"]


async def codes(api: Api, **variables: Any) -> list[str]:
    return [item["code"] for item in await items(api, **variables)]


# --- terms (no database) -------------------------------------------------------------------


def test_chinese_runs_become_overlapping_bigrams() -> None:
    assert search.index_terms(["居住证办理"]) == sorted(["居住", "住证", "证办", "办理"])


def test_single_characters_are_not_terms() -> None:
    assert search.index_terms(["证"]) == []
    assert search.index_terms(["护照（出入境）"]) == sorted(["护照", "出入", "入境"])


def test_latin_words_are_lowercased_with_prefixes_and_no_function_words() -> None:
    terms = search.index_terms(["Passport of China"])
    assert {"pa", "pas", "pass", "passport", "china", "ch"} <= set(terms)
    assert "of" not in terms
    assert "Passport" not in terms


def test_full_width_text_is_folded() -> None:
    assert search.index_terms(["Ｃ１驾照"]) == search.index_terms(["c1驾照"])
    parsed = search.parse_query("ＰＡＳＳ")
    assert parsed is not None and parsed.terms == ("pass",)


def test_a_query_splits_like_the_index() -> None:
    parsed = search.parse_query("护照")
    assert parsed is not None
    assert parsed.terms == ("护照",) and parsed.characters == ()
    parsed = search.parse_query(" 驾驶证  换证 ")
    assert parsed is not None
    assert parsed.terms == ("驾驶", "驶证", "换证") and parsed.text == "驾驶证 换证"
    parsed = search.parse_query("证")
    assert parsed is not None and parsed.terms == () and parsed.characters == ("证",)
    parsed = search.parse_query("c1 驾照 证")
    assert parsed is not None
    assert parsed.terms == ("c1", "驾照") and parsed.characters == ("证",)


def test_nothing_searchable_is_no_query() -> None:
    assert search.parse_query(None) is None
    assert search.parse_query("   ") is None
    assert search.parse_query("！？。,") is None
    assert search.parse_query("the of") is None


def test_like_patterns_escape_wildcards() -> None:
    assert search.like_pattern("50%_\\") == "%50\\%\\_\\\\%"


# --- searching the demo catalogue ------------------------------------------------------------


async def test_the_demo_seed_is_large_and_varied(catalogue: Api) -> None:
    listed = await items(catalogue)
    assert [i["code"] for i in listed] == DEMO_CODES
    assert len(listed) >= 30
    assert len({code.rsplit("-", 1)[0] for code in DEMO_CODES}) >= 6
    tiers = [i["personTier"] for i in listed] + [i["enterpriseTier"] for i in listed]
    assert {"basic", "intermediate", "advanced"} <= set(tiers)
    # Seeding again adds nothing.
    assert (await seed_catalogue()).startswith("catalogue: 0 items added")
    assert await codes(catalogue) == DEMO_CODES


async def test_hu_zhao_finds_the_passport(catalogue: Api) -> None:
    found = await items(catalogue, q="护照")
    assert [i["code"] for i in found] == ["350100-GA-0004"]
    assert "护照" in found[0]["name"]


async def test_she_bao_finds_the_social_security_items(catalogue: Api) -> None:
    found = await codes(catalogue, q="社保")
    social_security = [c for c in DEMO_CODES if c.startswith("350100-RS-")]
    assert set(found) == set(social_security)
    # The item with 社保 in its own name comes first.
    assert found[0] == "350100-RS-0004"
    # The social security card and the contribution certificate (社保卡, 社保证明) are there.
    assert {"350100-RS-0001", "350100-RS-0002"} <= set(found)
    # 医保 is another thing.
    assert not any(c.startswith("350100-YB-") for c in found)


async def test_jia_shi_finds_the_driving_licence_first(catalogue: Api) -> None:
    found = await items(catalogue, q="驾驶")
    assert found[0]["code"] == "350100-GA-0003"
    assert found[0]["nameEn"].startswith("Driving licence")
    assert await codes(catalogue, q="驾驶证换证") == ["350100-GA-0003"]


async def test_name_hits_rank_before_other_hits(catalogue: Api) -> None:
    # 公积金 is in four items' names, and in the housing-fund category's alias.
    found = await items(catalogue, q="公积金")
    assert [i["code"] for i in found][:4] == [f"350100-GJJ-000{n}" for n in range(1, 5)]
    assert all("公积金" in i["name"] for i in found[:4])


async def test_english_queries_match_words_and_prefixes(catalogue: Api) -> None:
    assert await codes(catalogue, q="passport") == ["350100-GA-0004"]
    assert "350100-GA-0004" in await codes(catalogue, q="Passp")
    assert await codes(catalogue, q="Driving licence renewal") == ["350100-GA-0003"]


async def test_a_query_narrows_with_every_term(catalogue: Api) -> None:
    # 福州 is in the department's name, 护照 in the item's.
    assert await codes(catalogue, q="福州 护照") == ["350100-GA-0004"]
    assert await codes(catalogue, q="护照 社保") == []


async def test_a_one_character_query_scans_the_text(catalogue: Api) -> None:
    found = await items(catalogue, q="婚")
    assert "350100-MZ-0001" in [i["code"] for i in found]
    assert found[0]["code"] == "350100-MZ-0001"  # 结婚登记预约: in the name
    everything = await items(catalogue)
    assert len(found) < len(everything)
    assert await codes(catalogue, q="婚", category="tax") == []


async def test_nothing_matches_nonsense(catalogue: Api) -> None:
    assert await codes(catalogue, q="火星移民") == []
    assert await codes(catalogue, q="zzzqqq") == []


# --- filters -------------------------------------------------------------------------------


async def test_region_filter_includes_the_regions_below(catalogue: Api) -> None:
    fuzhou = await codes(catalogue, region="350100")
    assert "350102-JY-0001" in fuzhou and "350181-GA-0001" in fuzhou
    assert not any(code.startswith("350000-") for code in fuzhou)
    assert await codes(catalogue, region="350102") == ["350102-JY-0001", "350102-MZ-0001"]
    assert await codes(catalogue, region="350000") == DEMO_CODES
    assert await codes(catalogue, region="350200") == []
    assert await codes(catalogue, region="35%") == []  # not a region code: no wildcard


async def test_department_and_category_filters(catalogue: Api) -> None:
    fund = [f"350100-GJJ-000{n}" for n in range(1, 5)]
    assert await codes(catalogue, department="350100-GJJ") == fund
    assert await codes(catalogue, category="housing-fund") == fund
    assert await codes(catalogue, category="housing-fund", q="租房") == ["350100-GJJ-0001"]
    education = await codes(catalogue, category="education")
    assert education == ["350000-JY-0001", "350102-JY-0001"]


async def test_tier_filter_reads_the_tier_the_applicant_kind_needs(catalogue: Api) -> None:
    advanced = await items(catalogue, tier="advanced")
    assert {i["code"] for i in advanced} == {
        "350100-GJJ-0002",
        "350100-RS-0005",
        "350100-SJ-0004",
        "350100-ZJ-0001",  # an enterprise item: the enterprise tier is advanced
    }
    people = await codes(catalogue, tier="advanced", kind="PERSON")
    assert "350100-ZJ-0001" not in people and "350100-RS-0005" in people
    assert await codes(catalogue, tier="advanced", kind="ENTERPRISE") == ["350100-ZJ-0001"]
    basic = await items(catalogue, tier="basic", kind="PERSON")
    assert basic and all(i["personTier"] == "basic" for i in basic)


async def test_fully_online_and_applicant_kind_filters(catalogue: Api) -> None:
    offline = await items(catalogue, online=False)
    assert offline and not any(i["fullyOnline"] for i in offline)
    assert "350100-GA-0004" in [i["code"] for i in offline]  # a passport needs fingerprints
    online = await codes(catalogue, online=True)
    assert sorted(online + [i["code"] for i in offline]) == DEMO_CODES
    enterprise = await codes(catalogue, kind="ENTERPRISE")
    assert "350100-ZJ-0001" in enterprise and "350100-SJ-0003" in enterprise
    assert "350100-GA-0001" not in enterprise


async def test_filters_combine_with_a_query(catalogue: Api) -> None:
    assert await codes(catalogue, q="证明", department="350100-GJJ") == ["350100-GJJ-0003"]
    assert await codes(catalogue, q="护照", online=True) == []


# --- paging --------------------------------------------------------------------------------


async def test_pages_follow_each_other_without_gaps(catalogue: Api) -> None:
    seen: list[str] = []
    after = None
    pages = 0
    while True:
        data = await catalogue.data(LIST, {"first": 7, "after": after})
        page = data["serviceItems"]
        assert len(page["edges"]) <= 7
        seen.extend(edge["node"]["code"] for edge in page["edges"])
        pages += 1
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == DEMO_CODES and pages == -(-len(DEMO_CODES) // 7)


async def test_search_pages_keep_the_ranking(catalogue: Api) -> None:
    everything = await codes(catalogue, q="证")
    paged: list[str] = []
    after = None
    while True:
        data = await catalogue.data(LIST, {"q": "证", "first": 4, "after": after})
        page = data["serviceItems"]
        paged.extend(edge["node"]["code"] for edge in page["edges"])
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert paged == everything and len(set(paged)) == len(paged)


async def test_a_listing_cursor_is_refused_by_a_search(catalogue: Api) -> None:
    data = await catalogue.data(LIST, {"first": 2})
    cursor = data["serviceItems"]["pageInfo"]["endCursor"]
    body = await catalogue.gql(LIST, {"q": "社保", "first": 2, "after": cursor})
    assert body.get("errors"), body


# --- only published versions ---------------------------------------------------------------


async def test_drafts_and_retired_versions_are_never_listed(catalogue: Api) -> None:
    terms = search.index_terms(["草稿测试事项"])
    await publish_item(
        "350100-ZW-9001",
        status="draft",
        name="草稿测试事项",
        search_terms=terms,
        search_text="草稿测试事项",
    )
    await publish_item(
        "350100-ZW-9002",
        status="retired",
        name="草稿测试事项",
        search_terms=terms,
        search_text="草稿测试事项",
    )
    assert await codes(catalogue, q="草稿") == []
    assert await codes(catalogue, q="草") == []
    listed = await items(catalogue)
    assert {i["status"] for i in listed} == {"PUBLISHED"}
    assert "350100-ZW-9001" not in [i["code"] for i in listed]
    for code in ("350100-ZW-9001", "350100-ZW-9002"):
        data = await catalogue.data(
            "query($c: String!) { serviceItem(code: $c) { code } }", {"c": code}
        )
        assert data["serviceItem"] is None
