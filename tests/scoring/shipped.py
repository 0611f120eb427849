"""The shipped schemes as the engine sees them, read from the same files the data migration loads
(jixiao/scoring/shipped/*.json), for the engine's tests that run without a database."""

from jixiao.scoring.exchange import scheme_from_data, shipped, shipped_codes
from jixiao.scoring.queries import SchemeBook

SHIPPED_BOOK = SchemeBook.from_files([shipped(code) for code in shipped_codes()])
MOF_2020 = SHIPPED_BOOK.by_code("mof-2020")
HUNAN_2017 = SHIPPED_BOOK.by_code("hunan-2017-department")
HUBEI_STYLE = SHIPPED_BOOK.by_code("hubei-style")
PRACTICE_2021 = scheme_from_data(shipped("practice-2021-cost"))
