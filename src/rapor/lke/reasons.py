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
BAD_ANSWER = "{code}: the answer does not fit its scale: {why}"

# -- importing an instrument (rapor.lke.instrument) -------------------------------------------
# errors: the instrument cannot be built
NO_WEIGHT = "{code}: no weight in {cell}"
BAD_WEIGHT = "{code}: the weight {value!r} in {cell} is not a number"
NO_TYPE = "{code}: no answer type in {cell}"
IMPORT_UNKNOWN_TYPE = "{code}: unknown answer type {value!r} in {cell}; known: {known}"
EMPTY_LEAF = "{code}: an indicator without questions in {cell}"
EMPTY_NODE = "{code}: a component or area without indicators in {cell}"
NO_ROWS = "{file}: no row of the block could be read as an instrument"
# guesses: the admin reviews them before activating
G_NO_FORMULA = "{code}: {cell} holds no formula: the usual values of {type} are used ({values})"
G_FORMULA_UNREADABLE = (
    "{code}: the formula in {cell} cannot be read ({error}): the usual values of {type} are "
    "used ({values})"
)
G_DEPENDENCY_UNREADABLE = (
    "{code}: the formula in {cell} depends on {prerequisite} in a way Rapor cannot express; "
    "scored without that dependency"
)
G_TWO_DEPENDENCIES = (
    "{code}: the formula in {cell} depends on {prerequisites}; Rapor keeps one dependency per "
    "question: {kept}"
)
G_NOT_LINEAR = (
    "{code}: the formula in {cell} does not give (x - {min}) / ({max} - {min}); "
    "the framework uses that rule"
)
G_EQUAL_WEIGHTS = "{code}: no formula in {cell} to read the questions' weights from: equal weights"
G_WEIGHT_FORMULA = (
    "{code}: the formula in {cell} gives {total} for full answers, not the weight {weight}: "
    "equal weights"
)
G_WEIGHT_SUM = (
    "{code}: the weight in {cell} is {stated}, but its parts add up to {total}: {total} is "
    "used (the workbook's scores are sums of the parts)"
)
G_GRADES = (
    "the grade bands are not in the workbook: the bands of PermenPANRB 14/2014 are used "
    "(AA > 90, A > 80, BB > 70, B > 60, CC > 50, C > 30, D)"
)
G_VERSION = "no evaluation year in the block's heading: version {version} is used"
G_APPLIES = "the workbook does not say whom it applies to: {applies_to}"
# notes: read from the formulas, shown so the admin can check them
N_VALUES = "{code}: option values read from the formula in {cell}: {values}"
N_ZERO_IF = "{code}: read from {cell}: 0 when {prerequisite} is answered {answers}"
N_MULTIPLY = "{code}: read from {cell}: multiplied by the value of {prerequisite}"
N_QUESTION_WEIGHTS = "{code}: question weights read from the formula in {cell}: {weights}"
# the check against the workbook's own numbers
CHECK_DIFFERS = "{code}: the workbook shows {workbook} in {cell}, Rapor gives {rapor}"
CHECK_SAME = "{count} numbers of the workbook checked in column {column}: Rapor gives the same"
CHECK_NONE = "the workbook holds no numbers in column {column} to check against"

# -- the workbook of the 2023 method (rapor.lke.reader2023) -----------------------------------
NO_SUCH_BLOCK_2023 = (
    "{file}: sheet {sheet!r}: block {block} not found: expected the header 'Nilai' at {cell}"
)
