# `gazette init` (a new site) and `gazette new-year` (a new year's folder).

scaffold-folder-not-empty = `{ $folder }` is not empty
    .hint = name a new folder; gazette init never overwrites files
scaffold-create-failed = failed to create `{ $path }`
scaffold-write-failed = failed to write `{ $path }`
scaffold-copy-failed = failed to copy `{ $path }`
scaffold-no-source-year = there is no `content/{ $year }` to start from
    .hint = name an existing year with --from
scaffold-year-exists = `content/{ $year }` exists already
    .hint = gazette new-year never overwrites a year; remove it first if it is a false start
scaffold-internal-pattern = internal pattern error
scaffold-old-year = `{ $text }` still belongs to { $old }
    .hint = set the { $new } date (or text) here

# Files written into a new site.
scaffold-photos-readme =
    Photos for the recommendation forms, named by the candidate's ID number:
    <ID number>.jpg, .jpeg or .png. A candidate without one gets an empty photo box.
scaffold-templates-readme =
    Put a file here named like a built-in template (base.html, index.html, notice.html,
    publicity_index.html, publicity_list.html, receipts.html, receipts.js, search.js, style.css,
    receipt.yaml, form.yaml) to replace it.
    Copies of the built-in ones are in gazette's repository under templates/.
