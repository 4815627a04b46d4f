"""The two orders a table may write its dates in: names only, so that the command line's
options can list them without compiling the date patterns of `scrutui.importers.dates`."""

DAY_FIRST = "day first"
MONTH_FIRST = "month first"
ORDERS = (DAY_FIRST, MONTH_FIRST)
