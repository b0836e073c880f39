# What the commands say on the terminal: `build`'s progress and summary,
# `check`, `verify`, `new-year`, `init`, `sample-data`.

## gazette build

build-nothing-written = nothing was written; { $output } is unchanged
build-key-created = created the receipt key { $path }: keep it secret and back it up; receipts are verified with it
build-progress-papers = receipts and forms
build-summary = built { $files } files into { $output } in { $seconds }s
build-papers = { $receipts } receipts and { $forms } college forms{ $part }: { $made } made, { $reused } unchanged since the last build
build-shard = {" "}(shard { $index }/{ $count })
build-key-derivations = receipt keys (PBKDF2-SHA256, { $iterations } iterations): { $derived } derived in { $cpu } CPU s ({ $each } ms each), { $reused } reused
build-private = for staff and colleges only (not to be published): { $folder }

## gazette check

check-clean = no problems found

## gazette verify

verify-genuine = genuine: the { $year } receipt of { $name } (报名号 { $registration }) matches the registered facts
verify-compare = the code is genuine only if the paper prints exactly these registered facts; compare them line by line:
verify-altered = NOT genuine: this code does not match the { $year } receipt of { $name }; the receipt was altered, or its facts changed after it was issued
verify-registered = the registered facts of { $name }:
verify-unknown = NOT genuine: no candidate with this ID number has a receipt

## gazette new-year, init, sample-data

new-year-copied = copied content/{ $from } to content/{ $year }: { $count ->
        [one] 1 place still names
       *[other] { $count } places still name
    } { $from }; change them, then run gazette check
init-created = created a site with { $files } files in { $dir }
init-next = next: cd { $dir } && gazette build
sample-data-written = wrote { $count } candidates to { $file }
sample-data-write-failed = failed to write `{ $file }`
    .hint = name a file in a folder that exists and is writable with --output FILE

## Writing the output (the write stage)

output-create-failed = failed to create `{ $file }`
output-write-failed = failed to write `{ $file }`
output-read-failed = failed to read `{ $file }`
output-move-failed = failed to move `{ $file }`
output-move-away-failed = failed to move away `{ $file }`
output-replace-failed = failed to replace `{ $file }`
output-io-hint = check that the output folder's parent exists and is writable
private-inside-output = the private folder `{ $private }` is inside the output folder `{ $output }`
    .hint = everything in the output folder is published: keep the private folder beside it, e.g. `--output site/output --private site/private`
output-inside-private = the output folder `{ $output }` is inside the private folder `{ $private }`
    .hint = everything in the output folder is published: keep the private folder beside it, e.g. `--output site/output --private site/private`

## The privacy guard (every file of a build searched for full numbers)

privacy-would-publish = `{ $file }` would publish { $what } of candidate { $masked } (column `{ $column }`, row { $row } of { $list }){ $place }
    .hint = a template, the body or a published column prints it: remove it; nothing was published
privacy-what-id = the full ID number
privacy-what-phone = the phone number
privacy-place-page = {" "}on page { $page } of its text
privacy-place-line = {" "}at line { $line }, column { $column }
privacy-more-files = { $count ->
        [one] 1 more file would publish
       *[other] { $count } more files would publish
    } full ID or phone numbers
privacy-unreadable = the privacy guard cannot read `{ $file }`
