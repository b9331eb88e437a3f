"""Reference data tables: administrative regions (GB/T 2260) and government departments."""

from piccolo.columns import ForeignKey, Varchar
from piccolo.table import Table

from core.db import DB


class Region(Table, db=DB, tablename="region"):
    """An administrative division (行政区划): province, city (地级市) or county (县级)."""

    code = Varchar(length=6, unique=True, index=True)
    name = Varchar(length=64)
    name_en = Varchar(length=128)
    level = Varchar(length=16, index=True)
    parent_code = Varchar(length=6, null=True, index=True)


class Department(Table, db=DB, tablename="department"):
    """A government department (政府部门) of one region, e.g. 福州市公安局."""

    code = Varchar(length=32, unique=True, index=True)
    name = Varchar(length=128)
    name_en = Varchar(length=200)
    category = Varchar(length=32, index=True)
    region = ForeignKey(references=Region, index=True)
