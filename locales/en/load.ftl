# Reading gazette.yaml and content/<year>/.

no-site = no `{ $file }` in `{ $folder }`: this is not a gazette site
    .hint = run gazette in the site folder, or pass --root DIR

## The site's folders and files

no-year-folder = no year folder in `content/`
    .hint = create `content/<year>/` (e.g. content/2024/) with notice.yaml and notice.md
content-unlistable = failed to list `content/`
    .hint = create a `content/` folder holding one folder per year
year-folder-is-link = `content/{ $name }` is a symbolic link; skipped
    .hint = year folders must be real folders inside the site
not-a-year-folder = `content/{ $name }` is not a year folder; skipped
    .hint = year folders are named by the year, e.g. content/2024
named-file-outside-year = `{ $name }` points outside the year folder
    .hint = name a file inside the year folder, e.g. `notice.md`
named-file-unreadable = `{ $name }` named here cannot be read
    .hint = create `{ $path }`
link-outside-site = `{ $path }` leads outside the site folder (to `{ $target }`)
    .hint = copy the file into the site instead of linking to it
read-failed = failed to read `{ $path }`
not-utf8 = `{ $path }` is not UTF-8 text
    .hint = save the file as UTF-8 (in Notepad: Save As, Encoding: UTF-8)
no-such-file = no file `{ $path }`
    .hint = create `{ $path }`
    .hint-choose = create it, or name one of the files there: { $files }
empty-file = `{ $path }` is empty
    .hint = see the content reference in README.md for what this file holds

## YAML: the library's own words follow as the cause

yaml-syntax = `{ $file }` is not valid YAML
    .hint = indent with spaces, never tabs, keys of one level under each other; quote a value that holds `: ` or ` #`
yaml-unknown-key = unknown key `{ $key }` in `{ $place }`
    .hint = remove `{ $key }`; the keys allowed here are { $known }
yaml-missing-key = missing key `{ $key }` in `{ $place }`
    .hint = add the key; the content reference in README.md lists every key
yaml-duplicate-key = the key `{ $key }` is given twice in `{ $place }`
    .hint = keep one of them
yaml-wrong-type = `{ $place }` holds a value of the wrong kind
    .hint = the content reference in README.md shows what each key takes
yaml-unknown-option = `{ $value }` is not an option of `{ $place }`
    .hint = write one of: { $known }
yaml-invalid-value = `{ $place }` holds a value that is not allowed
    .hint = the content reference in README.md shows what each key takes
yaml-too-deep = `{ $file }` nests or repeats too deeply
    .hint = the file nests or repeats too deeply (an alias bomb?); write the values out plainly
yaml-value-error = { $place }: { $text }

## Dates and times in YAML

date-impossible = `{ $value }` is not a real date: { $month } has { $days } days
    .hint = correct the day
date-no-such-month = `{ $value }` has no month { $month }; expected a date like `2024-01-20` or a date and time like `2024-01-20 08:00`
    .hint = months are 01 to 12
time-invalid = `{ $value }` is not a time of day; expected a date like `2024-01-20` or a date and time like `2024-01-20 08:00`
    .hint = write the time as `08:00` to `23:59`
date-invalid = `{ $value }` is not a date; expected a date like `2024-01-20` or a date and time like `2024-01-20 08:00`
    .hint = write the date as year-month-day, e.g. `2024-01-20`
deadline-expected = a date like `2024-01-19 17:00`, or `{"{"}after: <phase id>, working_days: 5{"}"}`
