"""Pure domain logic of the target assessment: plain data in, plain data out.

Nothing here touches the database, so the same functions rank the demo's six
counties, 3,000 synthetic ones in the benchmark, and hypothesis' examples.
"""
