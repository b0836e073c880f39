# The candidate list (考生名单): where it is, reading it, checking every row.

-save-as-csv = in Excel: Save As → CSV UTF-8 (逗号分隔)
-save-as-xlsx = in Excel: Save As → Excel 工作簿 (.xlsx) or CSV UTF-8 (逗号分隔)

# Between the items of a list quoted in a message (headers, categories).
data-list-separator = {", "}

## candidates.yaml `file:` and `columns:`

candidates-file-empty = `file` is empty
    .hint = give the path relative to the year folder `{ $folder }`, e.g. candidates.csv
candidates-file-absolute = `file: { $file }` is an absolute path
    .hint = give the path relative to the year folder `{ $folder }`, e.g. candidates.csv
candidates-file-outside = `file: { $file }` leads out of the year folder `{ $folder }`
    .hint = give the path relative to the year folder `{ $folder }`, e.g. candidates.csv
candidates-file-type = `file: { $file }` is neither .csv nor .xlsx
    .hint = { -save-as-xlsx }
candidates-header-only = `{ $file }` has no candidates, only the header row
column-twice = column `{ $header }` appears twice, as columns { $first } and { $second }
    .hint = rename or delete one of them; the first one is read
column-missing = no column `{ $header }` (named by `columns.{ $key }`); the header row has { $present }
    .hint = rename the column in the file, or change `columns.{ $key }` in `{ $spec }`

## Reading the file

csv-is-xlsx = `{ $file }` is an Excel workbook, not CSV text
    .hint = name it .xlsx and set `file` in candidates.yaml to that name
csv-is-xls = `{ $file }` is an old Excel .xls workbook, not CSV text
    .hint = in Excel: Save As → Excel 工作簿 (.xlsx), or CSV UTF-8 (逗号分隔)
csv-not-text = `{ $file }` is neither UTF-8 nor GBK text
    .hint = { -save-as-csv }
csv-binary = `{ $file }` is not a text file (it holds binary data)
    .hint = { -save-as-csv }
csv-invalid = `{ $file }` is not valid CSV
    .hint = { -save-as-csv }
candidates-empty = `{ $file }` is empty
    .hint = the first row holds the column headers, each further row one candidate
xlsx-unreadable = `{ $file }` is not a readable Excel workbook
    .hint = open it in Excel and save it again as Excel 工作簿 (.xlsx)
xlsx-no-sheet = `{ $file }` has no sheet `{ $sheet }`
    .hint = its sheets are { $sheets }

## The rows (every message names the column; numbers are masked)

cell-empty = column `{ $column }`: empty cell
sex-invalid = column `{ $column }`: `{ $value }` is neither 男 nor 女
sex-id-mismatch = column `{ $column }`: { $written }, but ID number { $id } is { $id_sex ->
        [male] a man's (17th digit odd)
       *[female] a woman's (17th digit even)
    }
id-stored-as-number = column `{ $column }`: ID number stored as a number in Excel; format the column as text
    .hint = a number loses the X and the last digits; retype them after formatting the column as 文本
id-length = column `{ $column }`: ID number { $id }: has { $length } characters, an ID number has 18
id-not-digit = column `{ $column }`: ID number { $id }: character { $position } is `{ $char }`, not a digit
id-last-char = column `{ $column }`: ID number { $id }: character 18 is `{ $char }`, it must be a digit or X
id-region = column `{ $column }`: ID number { $id }: region code { $region } is not a province
id-birth-date = column `{ $column }`: birth date { $date } is not a real date
id-check-char = column `{ $column }`: ID number { $id }: check character should be { $expected }, not { $found }
id-born-after = column `{ $column }`: ID number { $id } gives a birth year of { $born }, after the notice year { $year }
id-twice = column `{ $column }`: ID number { $id } is already on row { $first }
    .hint = each candidate registers once
phone-invalid = column `{ $column }`: { $phone } is not a mobile number (11 digits, starting 13 to 19)
    .hint = write the 11 digits only, without +86, spaces or dashes
phone-twice = column `{ $column }`: phone { $phone } is already on row { $first }
    .hint = one mobile number per registration
registration-twice = column `{ $column }`: registration number { $number } is already on row { $first }
    .hint = each candidate has a registration number of their own
published-personal-number = column `{ $column }`: holds { $kind ->
        [id] a full ID number
       *[phone] a mobile number
    } ({ $number }), and this column is published in the 公示
    .hint = remove the number from the cell (or stop publishing the column in publicity.yaml `columns`)
category-unknown = column `{ $column }`: unknown category `{ $value }`
    .hint = the categories are { $categories }
review-unknown = column `{ $column }`: `{ $value }` is not a review result
    .hint = passed: { $passed }; failed: { $failed }; pending: { $pending }; other words go in `review_values` of candidates.yaml
review-empty-word = (empty)
choice-after-failed-review = column `{ $column }`: failed the { $category } review, so may only fill choices under { $general }, not { $choice }
