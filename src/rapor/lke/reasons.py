"""Every message the workbook code can give, as English format strings (one place).

The command line prints them formatted; the web translates each through its own table
(``rapor.exchange.interfaces.lke_text``), keyed by these strings, and formats the translation
with the same details, so a message deep in the reader still reaches the user in their language.
A test checks that every reason here has a translation.
"""

# -- the file and its limits (LkeError / WorkbookLimitError) ---------------------------------
FILE_NOT_FOUND = "{file}: file not found"
NOT_XLSX = "{file}: not an Excel workbook (.xlsx) that can be read: {error}"
BAD_PART = "{file}: the part {part} of the workbook cannot be read: {error}"
FILE_TOO_LARGE = "{file}: {size} bytes, more than the {limit} bytes a workbook may have"
ZIP_LIMIT = "{file}: refused before reading: {error}"
TOO_MANY_ROWS = (
    "{file}: sheet {sheet!r}: data in row {cell}, beyond the {limit} rows a workbook may have"
)
TOO_MANY_COLUMNS = (
    "{file}: sheet {sheet!r}: data in cell {cell}, beyond column {last} "
    "(the {limit} columns a workbook may have)"
)
TOO_MANY_CELLS = "{file}: sheet {sheet!r}: more than {limit} filled cells (at {cell})"
LONG_TEXT = (
    "{file}: sheet {sheet!r}: cell {cell} holds {length} characters, "
    "more than the {limit} a cell may hold"
)
LONG_SHARED_TEXT = (
    "{file}: text number {number} holds {length} characters, more than the {limit} a cell may hold"
)

# -- the LKE layout (LkeError) ----------------------------------------------------------------
NO_BLOCK_NUMBER = "{file}: block {block} does not exist; blocks are numbered from 1"
NOT_LKE = (
    "{file}: not an LKE workbook: no sheet has a component row 'A.' in column B "
    "followed by an area row 'I.' in column C"
)
NO_SUCH_BLOCK = (
    "{file}: sheet {sheet!r}: block {block} not found: expected the component row 'A.' at "
    "{cell} (as in block 1), followed by an area row 'I.' in column {column}"
)

# -- rows that cannot be read (LkeProblem; the sheet and cell are given apart) ---------------
BAD_COMPONENT = "cannot read the component {value!r}: expected 'A.' (Proses) or 'B.' (Hasil)"
BAD_AREA = "cannot read the area number {value!r}: expected 'I.', 'II.' …"
BAD_INDICATOR = "cannot read the indicator number {value!r}: expected 1, 2. …"
BAD_LETTER = "cannot read the question letter {value!r}: expected a., b. …"
ORPHAN_AREA = "an area row outside a component ('A.' or 'B.'){why}"
ORPHAN_INDICATOR = "an indicator row outside an area ('I.' …){why}"
ORPHAN_QUESTION = "a question row outside an indicator{why}"
ORPHAN_ANSWER = "an answer outside an indicator{why}"
BELONGS_UNDER = " (it belongs under the unreadable row {cell})"
SECOND_UNLETTERED = (
    "a second question without a letter under indicator {indicator}; "
    "write its letter (a., b. …) in this cell"
)
TWICE = "{code} appears twice (first at {first})"
UNREADABLE_ANSWER = "{code}: {why}"
FORMULA_NO_VALUE = (
    "{code}: the answer is a formula with no saved value; "
    "open and save the file in Excel, or type the answer"
)
UNKNOWN_CODE = "{code}: the code in column A is not a row of this workbook's layout"

# -- answer cells (UnreadableAnswer, inside UNREADABLE_ANSWER) --------------------------------
ANSWER_BOOL = "{value} is not an answer"
ANSWER_DATE = "the cell holds a date or time ({value}); type the answer as text or a number"
ANSWER_ERROR = "the cell shows the Excel error {value}"
ANSWER_OTHER = "{value!r} is not an answer"
NOT_A_NUMBER = "{value!r} is not a number"

# -- checking a workbook against a framework (LkeProblem) ------------------------------------
TYPE_MISMATCH = (
    "{code}: the workbook's answer type is {found!r}, but the framework's scale of this "
    "question is {expected!r}"
)
UNKNOWN_TYPE = "{code}: unknown answer type {found!r}; known: {known}"
NOT_IN_FRAMEWORK = "{code} is not a question of {framework}"
BAD_ANSWER = "{code}: {why}"
