"""Casework demo data: a catalogue of real-looking Fujian service items, and the holidays.

The items follow what Fuzhou's and Fujian's government-service portals publish for the
same services (materials, time limits, fees), simplified. Fees are in fen: most items are
free, a passport costs 120 yuan. Time limits are working days; 0 means handled on the
spot (即办件). Most items need a basic identity, several intermediate, a few (money or
legal effect: a housing-fund purchase withdrawal, a pension claim, a construction permit,
a company's incorporation) a fresh face check (advanced).

Idempotent: an item whose code exists is left alone (an admin may have edited it). The
reference data (regions and departments) must be seeded first.
"""

from __future__ import annotations

from typing import Any

from casework import catalogue
from casework.calendar import seed_holidays
from casework.tables import ServiceItem

ACTOR = "system:demo"
MB = 1024 * 1024
IMAGES = ["image/jpeg", "image/png"]
DOCUMENTS = ["application/pdf", "image/jpeg", "image/png"]


def _slot(
    key: str,
    name: str,
    name_en: str,
    *,
    required: bool = True,
    types: list[str] | None = None,
    files: int = 1,
    mb: int = 5,
    licenses: list[str] | None = None,
    note: str = "",
    note_en: str = "",
) -> dict[str, Any]:
    return {
        "key": key,
        "name": name,
        "nameEn": name_en,
        "required": required,
        "acceptedTypes": types or DOCUMENTS,
        "maxFiles": files,
        "maxBytes": mb * MB,
        "licenseTypes": licenses or [],
        "note": note,
        "noteEn": note_en,
    }


def _field(
    key: str, label: str, label_en: str, kind: str = "text", *, required: bool = True, **more: Any
) -> dict[str, Any]:
    return {"key": key, "label": label, "labelEn": label_en, "type": kind, "required": required} | {
        _camel(k): v for k, v in more.items()
    }


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _options(*pairs: tuple[str, str, str]) -> list[dict[str, str]]:
    return [{"value": v, "label": zh, "labelEn": en} for v, zh, en in pairs]


# --- materials used by many items ----------------------------------------------------------

ID_CARD = _slot(
    "id_card",
    "居民身份证（正反面）",
    "Resident ID card (both sides)",
    files=2,
    licenses=["resident-id-card"],
    note="正反两面各一张，四角完整、字迹清晰。",
    note_en="One image of each side, all four corners visible and legible.",
)
PHOTO = _slot(
    "photo",
    "近期免冠证件照",
    "Recent passport-style photo",
    types=IMAGES,
    mb=2,
    note="白色背景，正面免冠，不着制式服装。",
    note_en="White background, facing the camera, no hat or uniform.",
)
HOUSEHOLD_REGISTER = _slot(
    "household_register",
    "居民户口簿（首页及本人页）",
    "Household register (cover page and own page)",
    files=4,
    licenses=["household-register"],
)
BUSINESS_LICENCE = _slot(
    "business_licence",
    "营业执照",
    "Business licence",
    licenses=["business-licence"],
)
AUTHORISATION = _slot(
    "authorisation",
    "授权委托书（代理人办理时提供）",
    "Letter of authorisation (when an agent applies)",
    required=False,
    types=["application/pdf"],
)

# --- form fields used by many items --------------------------------------------------------

PHONE = _field("phone", "联系电话", "Contact phone", "phone")
ADDRESS = _field("address", "详细地址", "Full address", "textarea", min_length=5, max_length=200)
DELIVERY_NOTE = _field(
    "delivery_note",
    "邮寄备注",
    "Delivery note",
    "textarea",
    required=False,
    max_length=200,
    help="选择快递送达时可填写，如收件时间。",
    help_en="For courier delivery, e.g. when you are at home.",
)
CONFIRM = _field(
    "confirm",
    "本人承诺所填信息及所交材料真实有效",
    "I declare that the information and materials are true",
    "boolean",
)


def _item(
    code: str,
    name: str,
    name_en: str,
    *,
    category: str,
    conditions: str,
    conditions_en: str,
    materials: list[dict[str, Any]],
    form: list[dict[str, Any]],
    statutory: int,
    promised: int,
    fee: int | None = None,
    kinds: tuple[str, ...] = ("person",),
    person_tier: str = "basic",
    enterprise_tier: str = "basic",
    delivery: tuple[str, ...] = ("hall", "courier"),
    online: bool = True,
    department: str | None = None,
) -> tuple[str, str, catalogue.ItemSpec]:
    """(code, department code, spec); the department is the code's first two parts."""
    spec = catalogue.ItemSpec(
        name=name,
        name_en=name_en,
        category=category,
        applicant_kinds=kinds,
        conditions=conditions,
        conditions_en=conditions_en,
        materials=materials,
        form=[*form, CONFIRM],
        fee_fen=fee,
        statutory_days=statutory,
        promised_days=promised,
        person_tier=person_tier,
        enterprise_tier=enterprise_tier,
        delivery_options=delivery,
        fully_online=online,
    )
    return code, department or code.rsplit("-", 1)[0], spec


ITEMS: tuple[tuple[str, str, catalogue.ItemSpec], ...] = (
    # --- 福州市公安局 -----------------------------------------------------------------------
    _item(
        "350100-GA-0001",
        "居住证办理",
        "Residence permit application",
        category="public-security",
        conditions="离开常住户口所在地，在福州市居住半年以上，且有合法稳定就业、合法稳定住所或连续就读之一的公民。",
        conditions_en="Citizens who left their place of household registration and have lived in "
        "Fuzhou for six months or more with a stable job, a stable home or full-time study.",
        materials=[
            ID_CARD,
            PHOTO,
            _slot(
                "residence_proof",
                "居住证明（租赁合同或房屋所有权证明）",
                "Proof of residence (tenancy contract or title deed)",
                files=5,
                licenses=["real-estate-certificate"],
            ),
            _slot(
                "stay_reason_proof",
                "就业、就读证明（劳动合同、在校证明等）",
                "Proof of work or study (employment contract, enrolment certificate)",
                required=False,
                files=3,
            ),
        ],
        form=[
            ADDRESS,
            _field("moved_in_on", "居住起始日期", "Living here since", "date", max=0),
            _field(
                "purpose",
                "居住事由",
                "Reason for living here",
                "select",
                options=_options(
                    ("work", "就业", "Work"),
                    ("study", "就学", "Study"),
                    ("business", "经商", "Business"),
                    ("family", "投靠亲属", "Joining family"),
                ),
            ),
            PHONE,
        ],
        statutory=15,
        promised=7,
        person_tier="intermediate",
    ),
    _item(
        "350100-GA-0002",
        "新生儿入户（出生登记）",
        "Newborn household registration (birth registration)",
        category="public-security",
        conditions="婴儿出生一个月内，由父母一方持出生医学证明向父亲或母亲常住户口所在地申报出生登记。",
        conditions_en="Within a month of birth, a parent registers the baby where the father's or "
        "the mother's household is registered, with the medical birth certificate.",
        materials=[
            _slot(
                "birth_certificate",
                "出生医学证明",
                "Medical birth certificate",
                licenses=["birth-certificate"],
            ),
            HOUSEHOLD_REGISTER,
            _slot(
                "parents_id_cards",
                "父母双方居民身份证",
                "Both parents' ID cards",
                files=4,
                licenses=["resident-id-card"],
            ),
            _slot(
                "marriage_certificate",
                "父母结婚证",
                "Parents' marriage certificate",
                required=False,
                licenses=["marriage-certificate"],
            ),
        ],
        form=[
            _field("baby_name", "新生儿姓名", "Baby's name", min_length=2, max_length=20),
            _field("born_on", "出生日期", "Date of birth", "date", min=-365, max=0),
            _field(
                "sex",
                "性别",
                "Sex",
                "select",
                options=_options(("M", "男", "Male"), ("F", "女", "Female")),
            ),
            _field(
                "register_with",
                "随父或随母落户",
                "Register with",
                "select",
                options=_options(("father", "随父", "Father"), ("mother", "随母", "Mother")),
            ),
            _field("guardian_id_number", "申报人身份证号", "Applicant's ID number", "id_number"),
            PHONE,
        ],
        statutory=5,
        promised=1,
        person_tier="intermediate",
    ),
    _item(
        "350100-GA-0003",
        "机动车驾驶证换证（有效期满）",
        "Driving licence renewal (expiry)",
        category="public-security",
        conditions="机动车驾驶证有效期满前九十日内，驾驶人可申请换领；身体条件须符合驾驶许可条件。",
        conditions_en="Drivers may renew within ninety days before the licence expires and must "
        "meet the health requirements for driving.",
        materials=[
            ID_CARD,
            _slot(
                "driving_licence",
                "机动车驾驶证",
                "Driving licence",
                licenses=["driving-licence"],
            ),
            _slot(
                "health_certificate",
                "机动车驾驶人身体条件证明",
                "Driver's health certificate",
                note="由县级以上医疗机构出具，六个月内有效。",
                note_en="Issued by a county-level or higher hospital within six months.",
            ),
            PHOTO,
        ],
        form=[
            _field(
                "file_number",
                "驾驶证档案编号",
                "Licence file number",
                pattern=r"[0-9]{12}",
                help="驾驶证副页上的12位数字。",
                help_en="The 12 digits on the licence's second page.",
            ),
            _field(
                "licence_class",
                "准驾车型",
                "Licence class",
                "select",
                options=_options(
                    ("C1", "C1 小型汽车", "C1 car"),
                    ("C2", "C2 小型自动挡汽车", "C2 automatic car"),
                    ("B2", "B2 大型货车", "B2 heavy truck"),
                    ("A1", "A1 大型客车", "A1 bus"),
                    ("D", "D 普通三轮摩托车", "D motorcycle"),
                ),
            ),
            PHONE,
            ADDRESS,
            DELIVERY_NOTE,
        ],
        statutory=5,
        promised=1,
        fee=1000,
    ),
    _item(
        "350100-GA-0004",
        "普通护照签发（出入境证件办理）",
        "Ordinary passport issuance (exit-entry documents)",
        category="public-security",
        conditions="中国公民因前往外国定居、探亲、学习、就业、旅行、从事商务活动等非公务原因出国的，可申请普通护照。",
        conditions_en="Chinese citizens travelling abroad for private purposes (settling, "
        "visiting family, study, work, tourism, business) may apply for an ordinary passport.",
        materials=[
            ID_CARD,
            _slot(
                "photo_receipt",
                "出入境证件数码照片回执",
                "Exit-entry digital photo receipt",
                types=IMAGES,
                mb=2,
                note="在具备资质的照相馆拍摄，六个月内有效。",
                note_en="Taken by an approved photo studio within six months.",
            ),
            _slot(
                "old_passport",
                "原护照（换发或补发时提供）",
                "Previous passport (for a renewal or replacement)",
                required=False,
                files=2,
            ),
        ],
        form=[
            _field(
                "purpose",
                "出境事由",
                "Purpose of travel",
                "select",
                options=_options(
                    ("tourism", "旅游", "Tourism"),
                    ("family", "探亲访友", "Visiting family"),
                    ("business", "商务", "Business"),
                    ("study", "留学", "Study"),
                    ("work", "劳务", "Work"),
                ),
            ),
            _field(
                "emergency_contact",
                "紧急联系人",
                "Emergency contact",
                min_length=2,
                max_length=20,
            ),
            _field("emergency_phone", "紧急联系人电话", "Emergency contact phone", "phone"),
            PHONE,
            DELIVERY_NOTE,
        ],
        statutory=7,
        promised=7,
        fee=12000,
        person_tier="intermediate",
        online=False,
    ),
    _item(
        "350100-GA-0005",
        "往来港澳通行证及签注",
        "Exit-entry permit for Hong Kong and Macao, with endorsement",
        category="public-security",
        conditions="内地居民因旅游、探亲、商务等事由前往香港、澳门特别行政区。",
        conditions_en="Mainland residents travelling to Hong Kong or Macao for tourism, family "
        "visits or business.",
        materials=[ID_CARD, PHOTO],
        form=[
            _field(
                "endorsement",
                "签注种类",
                "Endorsement",
                "select",
                options=_options(
                    ("tourism_once", "团队旅游一次有效", "Group tour, single entry"),
                    ("individual_once", "个人旅游一次有效", "Individual tour, single entry"),
                    ("family", "探亲签注", "Family visit"),
                    ("business", "商务签注", "Business"),
                ),
            ),
            PHONE,
        ],
        statutory=7,
        promised=5,
        fee=6000,
        person_tier="intermediate",
        online=False,
    ),
    _item(
        "350100-GA-0006",
        "居民身份证换领",
        "Resident ID card renewal",
        category="public-security",
        conditions="居民身份证有效期满、证件损坏或登记项目变更的本市户籍居民。",
        conditions_en="Residents registered in the city whose ID card expired, is damaged or "
        "whose registered details changed.",
        materials=[HOUSEHOLD_REGISTER, PHOTO],
        form=[
            _field(
                "reason",
                "换领原因",
                "Reason",
                "select",
                options=_options(
                    ("expired", "有效期满", "Expired"),
                    ("damaged", "证件损坏", "Damaged"),
                    ("changed", "登记项目变更", "Details changed"),
                ),
            ),
            PHONE,
            DELIVERY_NOTE,
        ],
        statutory=60,
        promised=20,
        fee=2000,
        online=False,
    ),
    # --- 福州市人力资源和社会保障局 -------------------------------------------------------------
    _item(
        "350100-RS-0001",
        "社会保障卡补换",
        "Social security card replacement",
        category="social-security",
        conditions="社会保障卡遗失、损坏或需更换新一代社保卡的参保人员（补卡前请先挂失）。",
        conditions_en="Insured people whose social security card is lost or damaged, or who "
        "need the new-generation card (report a lost card first).",
        materials=[ID_CARD, PHOTO],
        form=[
            _field(
                "reason",
                "补换原因",
                "Reason",
                "select",
                options=_options(
                    ("lost", "遗失", "Lost"),
                    ("damaged", "损坏", "Damaged"),
                    ("upgrade", "换发新一代社保卡", "New-generation card"),
                ),
            ),
            _field(
                "bank",
                "合作银行",
                "Partner bank",
                "select",
                options=_options(
                    ("icbc", "工商银行", "ICBC"),
                    ("ccb", "建设银行", "CCB"),
                    ("boc", "中国银行", "Bank of China"),
                    ("fjnx", "福建农信", "Fujian Rural Credit"),
                ),
            ),
            PHONE,
            ADDRESS,
        ],
        statutory=10,
        promised=5,
        person_tier="intermediate",
    ),
    _item(
        "350100-RS-0002",
        "社会保险参保证明打印",
        "Social insurance contribution certificate",
        category="social-security",
        conditions="在本市参加社会保险的个人，可打印本人参保缴费证明（社保证明）。",
        conditions_en="Anyone insured in the city may print a certificate of their social "
        "insurance contributions.",
        materials=[],
        form=[
            _field(
                "period_from",
                "起始年月",
                "From (year and month)",
                pattern=r"20[0-9]{2}-(0[1-9]|1[0-2])",
                help="格式如 2025-01。",
                help_en="Like 2025-01.",
            ),
            _field(
                "usage",
                "证明用途",
                "Used for",
                "select",
                options=_options(
                    ("housing", "购房", "Buying a home"),
                    ("school", "子女入学", "School admission"),
                    ("car", "购车摇号", "Car licence lottery"),
                    ("other", "其他", "Other"),
                ),
            ),
        ],
        statutory=0,
        promised=0,
        delivery=("hall",),
    ),
    _item(
        "350100-RS-0003",
        "失业保险金申领",
        "Unemployment benefit claim",
        category="social-security",
        conditions="失业前用人单位和本人已缴纳失业保险费满一年，非因本人意愿中断就业，并已办理失业登记、有求职要求。",
        conditions_en="Contributed to unemployment insurance for at least a year, lost the job "
        "involuntarily, registered as unemployed and looking for work.",
        materials=[
            ID_CARD,
            _slot(
                "termination_proof",
                "解除或终止劳动关系证明",
                "Proof that the employment ended",
            ),
            _slot(
                "bank_card",
                "本人社会保障卡或银行卡",
                "Own social security card or bank card",
                types=IMAGES,
            ),
        ],
        form=[
            _field("left_on", "离职日期", "Date employment ended", "date"),
            _field(
                "last_employer",
                "原工作单位",
                "Last employer",
                min_length=2,
                max_length=100,
            ),
            PHONE,
        ],
        statutory=10,
        promised=5,
        person_tier="intermediate",
    ),
    _item(
        "350100-RS-0004",
        "灵活就业人员社保参保登记",
        "Social insurance registration for the self-employed",
        category="social-security",
        conditions="无雇工的个体工商户、未在用人单位参加社保的非全日制从业人员及其他灵活就业人员。",
        conditions_en="Self-employed people without employees, part-time workers not insured "
        "through an employer, and other flexible workers.",
        materials=[ID_CARD],
        form=[
            _field(
                "insurance",
                "参保险种",
                "Insurance",
                "select",
                options=_options(
                    ("pension", "基本养老保险", "Basic pension"),
                    ("pension_medical", "养老和医疗保险", "Pension and medical"),
                ),
            ),
            _field(
                "base",
                "缴费基数（元）",
                "Contribution base (yuan)",
                "number",
                min=4000,
                max=25000,
            ),
            PHONE,
        ],
        statutory=5,
        promised=1,
    ),
    _item(
        "350100-RS-0005",
        "职工基本养老保险退休待遇申领",
        "Retirement pension claim",
        category="social-security",
        conditions="达到法定退休年龄且基本养老保险累计缴费满十五年的参保人员。",
        conditions_en="Insured people at the statutory retirement age with at least fifteen "
        "years of pension contributions.",
        materials=[
            ID_CARD,
            HOUSEHOLD_REGISTER,
            _slot("personnel_file", "本人档案材料", "Personnel file", files=10, mb=10),
        ],
        form=[
            _field("retire_on", "申请退休日期", "Retirement date", "date"),
            _field(
                "bank_account",
                "养老金领取银行账号",
                "Bank account for the pension",
                pattern=r"[0-9]{16,19}",
            ),
            PHONE,
        ],
        statutory=20,
        promised=10,
        person_tier="advanced",
    ),
    _item(
        "350100-RS-0006",
        "就业创业证申领",
        "Employment and entrepreneurship certificate",
        category="social-security",
        conditions="在法定劳动年龄内、有劳动能力和就业要求的城乡劳动者。",
        conditions_en="Working-age people able and wanting to work.",
        materials=[ID_CARD, PHOTO],
        form=[ADDRESS, PHONE],
        statutory=5,
        promised=1,
    ),
    # --- 福州市市场监督管理局 ---------------------------------------------------------------
    _item(
        "350100-SJ-0001",
        "个体工商户设立登记",
        "Individual business registration",
        category="market",
        conditions="有经营能力的公民，有固定经营场所，经营范围不属于法律禁止的行业。",
        conditions_en="Citizens able to run a business, with fixed premises, in a trade the law "
        "does not forbid.",
        materials=[
            ID_CARD,
            _slot(
                "premises_proof",
                "经营场所使用证明（租赁合同或产权证明）",
                "Proof of premises (lease or title)",
                files=3,
                licenses=["real-estate-certificate"],
            ),
        ],
        form=[
            _field("trade_name", "字号名称", "Trade name", min_length=2, max_length=50),
            _field(
                "premises",
                "经营场所",
                "Premises address",
                "textarea",
                min_length=5,
                max_length=200,
            ),
            _field(
                "scope",
                "经营范围",
                "Business scope",
                "textarea",
                min_length=2,
                max_length=500,
            ),
            _field(
                "capital",
                "资金数额（万元）",
                "Capital (10,000 yuan)",
                "number",
                min=0,
                max=10000,
            ),
            _field(
                "form_of_business",
                "组成形式",
                "Form of business",
                "select",
                options=_options(
                    ("individual", "个人经营", "Run by one person"),
                    ("family", "家庭经营", "Run by a family"),
                ),
            ),
            PHONE,
        ],
        statutory=15,
        promised=1,
        person_tier="intermediate",
    ),
    _item(
        "350100-SJ-0002",
        "营业执照变更登记",
        "Business licence amendment",
        category="market",
        conditions="企业名称、住所、法定代表人、注册资本、经营范围等登记事项发生变更的，应自变更决议作出之日起三十日内申请变更登记。",
        conditions_en="An enterprise changing its name, address, legal representative, "
        "registered capital or scope applies within thirty days of the decision.",
        materials=[
            BUSINESS_LICENCE,
            _slot(
                "change_application",
                "变更登记申请书（法定代表人签署）",
                "Amendment application signed by the legal representative",
                types=["application/pdf"],
            ),
            _slot(
                "resolution",
                "股东会决议或股东决定",
                "Shareholders' resolution or decision",
                types=["application/pdf"],
            ),
            AUTHORISATION,
        ],
        form=[
            _field(
                "change",
                "变更事项",
                "What changes",
                "select",
                options=_options(
                    ("name", "名称", "Name"),
                    ("address", "住所", "Address"),
                    ("representative", "法定代表人", "Legal representative"),
                    ("capital", "注册资本", "Registered capital"),
                    ("scope", "经营范围", "Business scope"),
                ),
            ),
            _field(
                "new_value",
                "变更后内容",
                "New content",
                "textarea",
                min_length=2,
                max_length=500,
            ),
            _field("decided_on", "决议日期", "Date of the resolution", "date"),
            PHONE,
        ],
        statutory=15,
        promised=3,
        kinds=("enterprise",),
        person_tier="intermediate",
        enterprise_tier="intermediate",
    ),
    _item(
        "350100-SJ-0003",
        "食品经营许可证核发",
        "Food business licence",
        category="market",
        conditions="从事食品销售、餐饮服务的经营者，有与经营食品品种、数量相适应的场所、设备和食品安全管理人员。",
        conditions_en="Businesses selling food or running catering, with premises, equipment "
        "and food-safety staff fitting what they sell.",
        materials=[
            BUSINESS_LICENCE,
            _slot("floor_plan", "经营场所平面布局图", "Floor plan of the premises"),
            _slot(
                "safety_rules",
                "食品安全管理制度",
                "Food-safety management rules",
                types=["application/pdf"],
            ),
        ],
        form=[
            _field(
                "business_type",
                "经营项目",
                "Business type",
                "select",
                options=_options(
                    ("retail", "食品销售", "Food retail"),
                    ("catering", "餐饮服务", "Catering"),
                    ("canteen", "单位食堂", "Canteen"),
                ),
            ),
            _field("area", "经营面积（平方米）", "Floor area (m²)", "number", min=1, max=100000),
            PHONE,
        ],
        statutory=20,
        promised=10,
        kinds=("enterprise", "person"),
        person_tier="intermediate",
        enterprise_tier="intermediate",
    ),
    _item(
        "350100-SJ-0004",
        "有限责任公司设立登记",
        "Limited company incorporation",
        category="market",
        conditions="股东符合法定人数，有符合章程规定的出资，有公司名称、住所和组织机构。",
        conditions_en="Enough shareholders, contributions as the articles say, a company name, "
        "an address and a governance structure.",
        materials=[
            ID_CARD,
            _slot(
                "articles",
                "公司章程",
                "Articles of association",
                types=["application/pdf"],
            ),
            _slot(
                "shareholder_ids",
                "股东主体资格证明",
                "Shareholders' identity documents",
                files=10,
            ),
            _slot(
                "address_proof",
                "住所使用证明",
                "Proof of the registered address",
                licenses=["real-estate-certificate"],
            ),
        ],
        form=[
            _field("company_name", "公司名称", "Company name", min_length=4, max_length=100),
            _field(
                "registered_capital",
                "注册资本（万元）",
                "Registered capital (10,000 yuan)",
                "number",
                min=1,
                max=1000000,
            ),
            _field(
                "scope",
                "经营范围",
                "Business scope",
                "textarea",
                min_length=2,
                max_length=1000,
            ),
            ADDRESS,
            PHONE,
        ],
        statutory=15,
        promised=1,
        person_tier="advanced",
    ),
    _item(
        "350100-SJ-0005",
        "个体工商户注销登记",
        "Individual business deregistration",
        category="market",
        conditions="个体工商户不再从事经营活动，且无未结清的债权债务。",
        conditions_en="An individual business that stopped trading and has no outstanding debts "
        "or claims.",
        materials=[ID_CARD, BUSINESS_LICENCE],
        form=[
            _field(
                "reason",
                "注销原因",
                "Reason",
                "textarea",
                min_length=2,
                max_length=200,
            ),
            PHONE,
        ],
        statutory=10,
        promised=1,
    ),
    # --- 福州市民政局 ---------------------------------------------------------------------
    _item(
        "350100-MZ-0001",
        "结婚登记预约",
        "Marriage registration appointment",
        category="civil-affairs",
        conditions="男年满二十二周岁、女年满二十周岁，双方均无配偶，自愿结婚；预约后双方须本人持证件共同到婚姻登记处办理。",
        conditions_en="The man is 22 or older and the woman 20 or older, both unmarried and "
        "willing; after booking, both come in person to the registry with their documents.",
        materials=[],
        form=[
            _field("groom_name", "男方姓名", "Groom's name", min_length=2, max_length=20),
            _field("groom_id_number", "男方身份证号", "Groom's ID number", "id_number"),
            _field("bride_name", "女方姓名", "Bride's name", min_length=2, max_length=20),
            _field("bride_id_number", "女方身份证号", "Bride's ID number", "id_number"),
            _field("appointment_on", "预约日期", "Appointment date", "date", min=1, max=30),
            _field(
                "registry",
                "婚姻登记处",
                "Marriage registry",
                "select",
                options=_options(
                    ("gulou", "鼓楼区婚姻登记处", "Gulou registry"),
                    ("taijiang", "台江区婚姻登记处", "Taijiang registry"),
                    ("cangshan", "仓山区婚姻登记处", "Cangshan registry"),
                    ("jinan", "晋安区婚姻登记处", "Jin'an registry"),
                ),
            ),
            PHONE,
        ],
        statutory=1,
        promised=0,
        delivery=("hall",),
        online=False,
    ),
    _item(
        "350100-MZ-0002",
        "最低生活保障申请",
        "Minimum living allowance (dibao) application",
        category="civil-affairs",
        conditions="共同生活的家庭成员人均收入低于当地最低生活保障标准，且家庭财产状况符合规定。",
        conditions_en="Households whose income per member is below the local minimum and whose "
        "assets meet the rules.",
        materials=[
            ID_CARD,
            HOUSEHOLD_REGISTER,
            _slot("income_proof", "家庭成员收入证明", "Household members' income", files=5),
        ],
        form=[
            _field(
                "household_size",
                "共同生活家庭成员人数",
                "People in the household",
                "number",
                min=1,
                max=20,
            ),
            _field(
                "monthly_income",
                "家庭月总收入（元）",
                "Household monthly income (yuan)",
                "number",
                min=0,
                max=100000,
            ),
            ADDRESS,
            PHONE,
        ],
        statutory=30,
        promised=20,
        person_tier="intermediate",
    ),
    _item(
        "350100-MZ-0003",
        "高龄老人津贴申领",
        "Old-age allowance for the over-80s",
        category="civil-affairs",
        conditions="具有本市户籍、年满八十周岁的老年人。",
        conditions_en="Residents registered in the city aged eighty or over.",
        materials=[ID_CARD, HOUSEHOLD_REGISTER, AUTHORISATION],
        form=[
            _field(
                "bank_account",
                "津贴发放银行账号",
                "Bank account for the allowance",
                pattern=r"[0-9]{16,19}",
            ),
            PHONE,
        ],
        statutory=20,
        promised=10,
    ),
    # --- 福州住房公积金中心 ---------------------------------------------------------------
    _item(
        "350100-GJJ-0001",
        "住房公积金提取（租房）",
        "Housing-fund withdrawal for rent",
        category="housing-fund",
        conditions="本人及配偶在缴存城市无自有住房且租赁住房的缴存职工，连续足额缴存三个月以上。",
        conditions_en="Contributors renting a home who (with their spouse) own none in the "
        "city, having contributed in full for three months or more.",
        materials=[
            ID_CARD,
            _slot(
                "tenancy",
                "房屋租赁合同",
                "Tenancy contract",
                files=5,
                note="已备案的租赁合同可免交。",
                note_en="Not needed when the contract is registered.",
            ),
        ],
        form=[
            _field(
                "amount",
                "提取金额（元）",
                "Amount (yuan)",
                "number",
                min=1,
                max=20000,
            ),
            _field(
                "bank_account",
                "收款银行账号",
                "Receiving bank account",
                pattern=r"[0-9]{16,19}",
            ),
            PHONE,
        ],
        statutory=3,
        promised=1,
        person_tier="intermediate",
        delivery=("hall",),
    ),
    _item(
        "350100-GJJ-0002",
        "住房公积金提取（购买自住住房）",
        "Housing-fund withdrawal for buying a home",
        category="housing-fund",
        conditions="购买、建造、翻建、大修自住住房的缴存职工及其配偶。",
        conditions_en="Contributors (or their spouse) buying, building or renovating their own "
        "home.",
        materials=[
            ID_CARD,
            _slot(
                "purchase_contract",
                "购房合同及购房发票",
                "Purchase contract and invoice",
                files=6,
                mb=10,
            ),
            _slot(
                "title_deed",
                "不动产权证书",
                "Real estate title certificate",
                required=False,
                licenses=["real-estate-certificate"],
            ),
        ],
        form=[
            _field(
                "amount",
                "提取金额（元）",
                "Amount (yuan)",
                "number",
                min=1,
                max=2000000,
            ),
            _field(
                "bank_account",
                "收款银行账号",
                "Receiving bank account",
                pattern=r"[0-9]{16,19}",
            ),
            PHONE,
        ],
        statutory=5,
        promised=3,
        person_tier="advanced",
        delivery=("hall",),
    ),
    _item(
        "350100-GJJ-0003",
        "住房公积金缴存证明",
        "Housing-fund contribution certificate",
        category="housing-fund",
        conditions="在福州住房公积金中心缴存住房公积金的职工。",
        conditions_en="Anyone contributing to the Fuzhou housing provident fund.",
        materials=[],
        form=[
            _field(
                "usage",
                "证明用途",
                "Used for",
                "select",
                options=_options(
                    ("loan", "贷款", "Loan"),
                    ("visa", "签证", "Visa"),
                    ("other", "其他", "Other"),
                ),
            )
        ],
        statutory=0,
        promised=0,
        delivery=("hall",),
    ),
    _item(
        "350100-GJJ-0004",
        "单位住房公积金缴存登记",
        "Employer housing-fund registration",
        category="housing-fund",
        conditions="新设立的单位应自设立之日起三十日内办理住房公积金缴存登记。",
        conditions_en="A new employer registers for the housing fund within thirty days of its "
        "founding.",
        materials=[BUSINESS_LICENCE, AUTHORISATION],
        form=[
            _field(
                "employees",
                "职工人数",
                "Number of employees",
                "number",
                min=1,
                max=100000,
            ),
            _field(
                "rate",
                "缴存比例（%）",
                "Contribution rate (%)",
                "number",
                min=5,
                max=12,
            ),
            PHONE,
        ],
        statutory=5,
        promised=1,
        kinds=("enterprise",),
    ),
    # --- 福州市医疗保障局 -------------------------------------------------------------------
    _item(
        "350100-YB-0001",
        "基本医疗保险关系转移接续（医保转移）",
        "Medical insurance transfer between cities",
        category="medical-insurance",
        conditions="跨统筹地区就业或迁移、需转移基本医疗保险关系的参保人员。",
        conditions_en="Insured people moving to work or live in another pooling region.",
        materials=[
            ID_CARD,
            _slot(
                "insurance_record",
                "参保凭证（原参保地出具）",
                "Insurance record from the previous region",
            ),
        ],
        form=[
            _field(
                "from_region",
                "转出地",
                "Transfer from",
                min_length=2,
                max_length=50,
            ),
            _field(
                "direction",
                "转移方向",
                "Direction",
                "select",
                options=_options(
                    ("in", "转入福州", "Into Fuzhou"),
                    ("out", "转出福州", "Out of Fuzhou"),
                ),
            ),
            PHONE,
        ],
        statutory=15,
        promised=10,
        person_tier="intermediate",
    ),
    _item(
        "350100-YB-0002",
        "异地就医备案",
        "Registration for medical treatment in another city",
        category="medical-insurance",
        conditions="异地长期居住、常驻异地工作或转诊转院到外地就医的参保人员。",
        conditions_en="Insured people living or working long-term elsewhere, or referred to a "
        "hospital in another region.",
        materials=[
            _slot(
                "residence_or_referral",
                "异地居住证明或转诊证明",
                "Proof of living elsewhere or the referral",
                required=False,
            )
        ],
        form=[
            _field(
                "kind",
                "备案类型",
                "Kind",
                "select",
                options=_options(
                    ("resident", "异地长期居住", "Living elsewhere"),
                    ("worker", "常驻异地工作", "Working elsewhere"),
                    ("referral", "转诊转院", "Referral"),
                ),
            ),
            _field("destination", "就医地", "Where", min_length=2, max_length=50),
            _field("starts_on", "开始日期", "From", "date"),
            PHONE,
        ],
        statutory=0,
        promised=0,
        delivery=("hall",),
    ),
    _item(
        "350100-YB-0003",
        "门诊特殊病种待遇认定",
        "Special outpatient disease entitlement",
        category="medical-insurance",
        conditions="患有恶性肿瘤、尿毒症透析、器官移植术后等规定病种的参保人员。",
        conditions_en="Insured people with a listed condition such as cancer, dialysis for "
        "kidney failure or care after an organ transplant.",
        materials=[
            ID_CARD,
            _slot(
                "diagnosis",
                "二级以上医院诊断证明及病历",
                "Diagnosis and records from a grade-2 or higher hospital",
                files=8,
                mb=10,
            ),
        ],
        form=[
            _field("disease", "病种名称", "Condition", min_length=2, max_length=50),
            _field("hospital", "定点医院", "Designated hospital", min_length=2, max_length=100),
            PHONE,
        ],
        statutory=15,
        promised=5,
        person_tier="intermediate",
    ),
    # --- 国家税务总局福州市税务局 ---------------------------------------------------------------
    _item(
        "350100-SW-0001",
        "税务登记（新办纳税人信息确认）",
        "Tax registration (new taxpayer confirmation)",
        category="tax",
        conditions="领取营业执照的企业及个体工商户，首次办理涉税事宜时确认登记信息。",
        conditions_en="Enterprises and individual businesses with a business licence confirm "
        "their registration before their first tax matter.",
        materials=[BUSINESS_LICENCE, AUTHORISATION],
        form=[
            _field(
                "accountant_name",
                "办税人员姓名",
                "Tax officer's name",
                min_length=2,
                max_length=20,
            ),
            _field("accountant_phone", "办税人员电话", "Tax officer's phone", "phone"),
            _field(
                "accounting",
                "会计核算方式",
                "Accounting",
                "select",
                options=_options(
                    ("independent", "独立核算", "Independent"),
                    ("non_independent", "非独立核算", "Not independent"),
                ),
            ),
        ],
        statutory=0,
        promised=0,
        kinds=("enterprise",),
        enterprise_tier="intermediate",
        delivery=("hall",),
    ),
    _item(
        "350100-SW-0002",
        "增值税发票领用",
        "VAT invoice issuance to a taxpayer",
        category="tax",
        conditions="已办理税务登记并完成票种核定的纳税人。",
        conditions_en="Taxpayers registered for tax whose invoice types are approved.",
        materials=[AUTHORISATION],
        form=[
            _field(
                "invoice_type",
                "发票种类",
                "Invoice type",
                "select",
                options=_options(
                    ("special", "增值税专用发票", "Special VAT invoice"),
                    ("ordinary", "增值税普通发票", "Ordinary VAT invoice"),
                ),
            ),
            _field("quantity", "领用数量（份）", "Quantity", "number", min=1, max=1000),
        ],
        statutory=1,
        promised=0,
        kinds=("enterprise",),
    ),
    _item(
        "350100-SW-0003",
        "个人所得税纳税记录开具",
        "Individual income tax payment record",
        category="tax",
        conditions="在本市缴纳个人所得税的纳税人。",
        conditions_en="Anyone paying individual income tax in the city.",
        materials=[],
        form=[
            _field("year", "所属年度", "Year", "number", min=2019, max=2030),
        ],
        statutory=0,
        promised=0,
        delivery=("hall",),
    ),
    # --- 福州市住房和城乡建设局 -------------------------------------------------------------
    _item(
        "350100-ZJ-0001",
        "建筑工程施工许可证核发",
        "Construction permit for a building project",
        category="housing",
        conditions="已办理用地批准手续、取得建设工程规划许可证，已确定施工企业，有满足施工需要的资金安排和施工图纸。",
        conditions_en="Land use approved, planning permit granted, contractor chosen, funding "
        "and construction drawings in place.",
        materials=[
            BUSINESS_LICENCE,
            _slot(
                "land_approval",
                "用地批准文件或不动产权证书",
                "Land use approval or title certificate",
                licenses=["real-estate-certificate"],
            ),
            _slot(
                "planning_permit",
                "建设工程规划许可证",
                "Planning permit for the project",
                licenses=["planning-permit"],
            ),
            _slot(
                "contract",
                "中标通知书及施工合同",
                "Award notice and construction contract",
                files=4,
                mb=10,
            ),
            _slot(
                "safety_measures",
                "保证工程质量和安全的具体措施",
                "Quality and safety measures",
                types=["application/pdf"],
                mb=20,
            ),
        ],
        form=[
            _field("project_name", "工程名称", "Project name", min_length=2, max_length=100),
            _field(
                "site",
                "建设地址",
                "Site address",
                "textarea",
                min_length=5,
                max_length=200,
            ),
            _field(
                "floor_area",
                "建筑面积（平方米）",
                "Floor area (m²)",
                "number",
                min=1,
                max=10000000,
            ),
            _field(
                "contract_price",
                "合同价格（万元）",
                "Contract price (10,000 yuan)",
                "number",
                min=1,
            ),
            PHONE,
        ],
        statutory=15,
        promised=3,
        kinds=("enterprise",),
        person_tier="intermediate",
        enterprise_tier="advanced",
        online=False,
    ),
    _item(
        "350100-ZJ-0002",
        "商品房预售许可",
        "Pre-sale permit for commercial housing",
        category="housing",
        conditions="已交付全部土地使用权出让金，取得施工许可证，投入开发建设资金达工程总投资的25%以上。",
        conditions_en="Land fees paid in full, construction permit held and at least 25% of "
        "the total investment spent.",
        materials=[
            BUSINESS_LICENCE,
            _slot(
                "construction_permit",
                "建筑工程施工许可证",
                "Construction permit",
                licenses=["construction-permit"],
            ),
            _slot(
                "sale_plan",
                "商品房预售方案",
                "Pre-sale plan",
                types=["application/pdf"],
                mb=10,
            ),
        ],
        form=[
            _field("project_name", "项目名称", "Project name", min_length=2, max_length=100),
            _field(
                "units",
                "预售套数",
                "Units for pre-sale",
                "number",
                min=1,
                max=10000,
            ),
            PHONE,
        ],
        statutory=10,
        promised=5,
        kinds=("enterprise",),
        enterprise_tier="intermediate",
        online=False,
    ),
    # --- 福州市交通运输局 -------------------------------------------------------------------
    _item(
        "350100-JT-0001",
        "道路货物运输经营许可",
        "Road freight transport licence",
        category="transport",
        conditions="有与经营业务相适应并经检测合格的车辆、符合条件的驾驶人员和安全生产管理制度。",
        conditions_en="Inspected vehicles fit for the business, qualified drivers and safety "
        "management rules.",
        materials=[
            BUSINESS_LICENCE,
            _slot(
                "vehicles",
                "车辆行驶证及检测合格证明",
                "Vehicle registrations and inspection certificates",
                files=10,
                licenses=["vehicle-registration"],
            ),
            _slot(
                "drivers",
                "驾驶人员从业资格证",
                "Drivers' qualification certificates",
                files=10,
            ),
        ],
        form=[
            _field("vehicles", "车辆数", "Number of vehicles", "number", min=1, max=1000),
            PHONE,
        ],
        statutory=20,
        promised=5,
        kinds=("enterprise",),
        enterprise_tier="intermediate",
    ),
    _item(
        "350100-JT-0002",
        "出租汽车驾驶员从业资格证补换",
        "Taxi driver qualification card replacement",
        category="transport",
        conditions="从业资格证遗失、损毁或有效期届满的出租汽车驾驶员。",
        conditions_en="Taxi drivers whose qualification card is lost, damaged or expired.",
        materials=[ID_CARD, PHOTO],
        form=[
            _field("card_number", "原从业资格证号", "Previous card number", max_length=30),
            PHONE,
        ],
        statutory=5,
        promised=2,
    ),
    # --- 福州市不动产登记中心 -------------------------------------------------------------------
    _item(
        "350100-BDC-0001",
        "不动产登记资料查询",
        "Real estate register enquiry",
        category="real-estate",
        conditions="权利人查询本人名下不动产登记结果（房产证明）。",
        conditions_en="Owners look up the registered property in their own name.",
        materials=[ID_CARD],
        form=[
            _field(
                "purpose",
                "查询用途",
                "Purpose",
                "select",
                options=_options(
                    ("school", "子女入学", "School admission"),
                    ("loan", "贷款", "Loan"),
                    ("other", "其他", "Other"),
                ),
            ),
        ],
        statutory=1,
        promised=0,
        delivery=("hall",),
    ),
    # --- 福建省（省级） ------------------------------------------------------------------------
    _item(
        "350000-JY-0001",
        "高级中学教师资格认定",
        "Senior secondary school teacher qualification",
        category="education",
        conditions="具备本科及以上学历，普通话水平达到二级乙等以上，并通过国家教师资格考试。",
        conditions_en="A bachelor's degree or higher, Putonghua level 2B or better, and a pass "
        "in the national teacher qualification exam.",
        materials=[
            ID_CARD,
            PHOTO,
            _slot("diploma", "学历证书", "Degree certificate", licenses=["diploma"]),
            _slot("health_check", "体检合格证明", "Health check", types=["application/pdf"]),
        ],
        form=[
            _field("subject", "任教学科", "Subject", min_length=2, max_length=20),
            PHONE,
            ADDRESS,
        ],
        statutory=20,
        promised=15,
        person_tier="intermediate",
    ),
    _item(
        "350000-WJ-0001",
        "医师执业注册",
        "Physician practice registration",
        category="health",
        conditions="取得医师资格证书，受聘于医疗、预防、保健机构。",
        conditions_en="Holders of a physician qualification employed by a medical, prevention "
        "or health-care institution.",
        materials=[
            ID_CARD,
            PHOTO,
            _slot(
                "qualification",
                "医师资格证书",
                "Physician qualification certificate",
                licenses=["physician-qualification"],
            ),
            _slot("employment", "拟执业机构聘用证明", "Proof of employment"),
        ],
        form=[
            _field("institution", "执业机构", "Institution", min_length=2, max_length=100),
            _field(
                "scope",
                "执业范围",
                "Scope of practice",
                "select",
                options=_options(
                    ("internal", "内科专业", "Internal medicine"),
                    ("surgery", "外科专业", "Surgery"),
                    ("paediatrics", "儿科专业", "Paediatrics"),
                    ("general", "全科医学专业", "General practice"),
                ),
            ),
            PHONE,
        ],
        statutory=20,
        promised=10,
        person_tier="intermediate",
    ),
    # --- 区县 ---------------------------------------------------------------------------------
    _item(
        "350102-JY-0001",
        "小学一年级新生入学登记",
        "Primary school first-grade enrolment",
        category="education",
        conditions="年满六周岁、户籍或监护人居住地在鼓楼区学区范围内的适龄儿童。",
        conditions_en="Children aged six whose household or guardian lives in a Gulou District "
        "school area.",
        materials=[
            HOUSEHOLD_REGISTER,
            _slot(
                "property_proof",
                "房产证明或居住证",
                "Property certificate or residence permit",
                licenses=["real-estate-certificate", "residence-permit"],
            ),
        ],
        form=[
            _field("child_name", "儿童姓名", "Child's name", min_length=2, max_length=20),
            _field("child_id_number", "儿童身份证号", "Child's ID number", "id_number"),
            _field("school", "学区学校", "School", min_length=2, max_length=50),
            PHONE,
        ],
        statutory=20,
        promised=20,
        delivery=("hall",),
    ),
    _item(
        "350102-MZ-0001",
        "临时救助申请",
        "Temporary hardship assistance",
        category="civil-affairs",
        conditions="因火灾、交通事故、突发重大疾病等原因导致基本生活暂时出现严重困难的家庭或个人。",
        conditions_en="Households or people in sudden severe hardship after a fire, a traffic "
        "accident, a serious illness or the like.",
        materials=[
            ID_CARD,
            _slot(
                "hardship_proof",
                "困难情况证明（医疗票据、事故证明等）",
                "Proof of the hardship (medical bills, accident report)",
                files=10,
            ),
        ],
        form=[
            _field(
                "situation",
                "困难情况说明",
                "What happened",
                "textarea",
                min_length=10,
                max_length=1000,
            ),
            PHONE,
        ],
        statutory=10,
        promised=5,
        person_tier="intermediate",
    ),
    _item(
        "350181-GA-0001",
        "户籍证明开具",
        "Household registration certificate",
        category="public-security",
        conditions="户籍在福清市的居民，因升学、就业、出国等需要证明户籍信息。",
        conditions_en="Residents registered in Fuqing who need proof of their household "
        "registration for school, work or going abroad.",
        materials=[ID_CARD],
        form=[
            _field(
                "usage",
                "证明用途",
                "Used for",
                "select",
                options=_options(
                    ("school", "升学", "School"),
                    ("work", "就业", "Work"),
                    ("abroad", "出国", "Going abroad"),
                    ("other", "其他", "Other"),
                ),
            ),
            PHONE,
        ],
        statutory=3,
        promised=1,
        delivery=("hall", "courier"),
    ),
)


async def seed_catalogue() -> str:
    """Publish the demo items that are missing, and the holiday calendar; a summary."""
    holidays = await seed_holidays()
    existing = {row["code"] for row in await ServiceItem.select(ServiceItem.code)}
    added = 0
    for code, department, spec in ITEMS:
        if code in existing:
            continue
        await catalogue.insert_item(
            code=code, department_code=department, spec=spec, actor=ACTOR, publish=True
        )
        added += 1
    return f"catalogue: {added} items added ({len(ITEMS)} in the demo), {holidays} holidays"
