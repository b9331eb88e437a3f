"""Identifier answers (phones, ID numbers) are encrypted at rest and opened only to be
checked or shown: in clear to the applicant and the case's department, masked to
oversight."""

from __future__ import annotations

from casework.tables import Case
from tests.casework import factories, flow
from tests.identity.actors import World, person
from tests.identity.conftest import Api

PHONE_FIELD = {
    "key": "contact",
    "label": "联系电话",
    "labelEn": "Phone",
    "type": "phone",
    "required": True,
}
ID_FIELD = {
    "key": "guardian",
    "label": "监护人身份证号",
    "labelEn": "Guardian's ID number",
    "type": "id_number",
    "required": True,
}


async def test_identifier_answers_are_sealed_and_shown_by_reader(api: Api, world: World) -> None:
    await factories.publish_item(form=[factories.REASON_FIELD, PHONE_FIELD, ID_FIELD])
    owner = world.token("basic")
    phone, id_number = "13912345678", person("intermediate").id_number
    answers = {"reason": "工作需要", "contact": phone, "guardian": id_number.lower()}
    started = await flow.start(api, owner)
    saved = await flow.save(api, owner, started["id"], answers)
    assert saved["__typename"] == "Case", saved
    confirmed = await flow.upload(api, owner, started["id"])
    assert confirmed["__typename"] == "CaseMaterial", confirmed
    submitted = (await flow.submit(api, owner, started["id"]))["data"]["submitApplication"]
    assert submitted["status"] == "SUBMITTED", submitted

    # At rest: neither identifier appears anywhere in the stored row.
    raw = await Case.raw(
        "SELECT form_data::text AS f FROM casework_case WHERE id = {}", started["id"]
    )
    stored = raw[0]["f"]
    assert phone not in stored and id_number not in stored and id_number.lower() not in stored
    assert "工作需要" in stored  # only identifiers are sealed

    # The applicant reads them back in clear (the ID number normalised to upper case).
    mine = await flow.read(api, owner, started["id"])
    assert mine is not None
    assert mine["answers"]["contact"] == phone
    assert mine["answers"]["guardian"] == id_number.upper()

    # A supervisor sees them masked; the department's clerk in clear (they process it).
    supervised = await flow.read(api, world.token("supervisor"), started["id"])
    assert supervised is not None
    assert supervised["answers"]["contact"] != phone and "*" in supervised["answers"]["contact"]
    assert "*" in supervised["answers"]["guardian"]
    handled = await flow.read(api, world.token("window_clerk"), started["id"])
    assert handled is not None and handled["answers"]["contact"] == phone
