# `gazette diff`: the command and its terminal report.

diff-no-year = there is no year { $year } in this site
    .hint = the years present are { $present }; compare two of them, e.g. gazette diff { $example }
diff-write-failed = failed to write `{ $file }`
    .hint = name a writable file with --html FILE
diff-wrote = wrote { $file }

## The report (the notice's own labels, 发文字号 and the like, stay as they are)

diff-none = no differences between { $old } and { $new }
diff-document = Document (文件信息)
diff-schedule = Schedule (日程): { $moved ->
        [one] 1 phase
       *[other] { $moved } phases
    } moved, { $added } added, { $removed } removed
diff-categories = Categories (报考类别)
diff-rules = Rules (规则)
diff-part = { $title }: { $changed ->
        [one] 1 block
       *[other] { $changed } blocks
    } changed, { $unchanged } unchanged
diff-named = { $name } ({ $id })
diff-item-added = { $item }: added
diff-item-removed = { $item }: removed
diff-item-changed = { $item }: changed
diff-renamed = name
diff-top = (top)
