"""The framework builder behind tools/build_frameworks.py, one module per framework.

output     YAML writing and exact numbers
common     paths, the areas of change, the answer scales, grades, the source-table reader
rb2014     rb-2014 from the instrument CSV
rb2020     rb-2020-pemda from rb-2014 and the rb-2020-pemda-*.yaml tables
sakip      sakip-2021 from sakip-2021-questions.yaml
spbe       spbe-2020 from spbe-2020-indicators.yaml
check      the checks every framework passes before it is written

The Indonesian texts live in src/rapor/frameworks/sources/, not here.
"""
