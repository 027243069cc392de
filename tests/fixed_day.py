"""The day every test runs on: `tests/conftest.py` fixes Charte's clock to it.

21/11/2026, a Saturday in the middle of the demo's plan « … 2025-2028 »: the day the
update workbook tests were written, whose figures (the demo's last nitrogen dioxide
measurement « 25,9 µg/m³ », its plan's years) depend on the day the demo is built. Away
from the ends of a month and of a year, so nothing is off by one period. With the day
fixed, the tests pass on any real day, and give the same results on all of them.
"""

from datetime import date

TEST_DAY = date(2026, 11, 21)
