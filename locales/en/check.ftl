# `gazette check`: the facts against each other and the calendar.

weekday-mismatch = { $date } was a { $actual }, not a { $written }
    .hint = write { $actual }, or better: reference the date from schedule.yaml with `| weekday` so it is computed

## The schedule (schedule.yaml)

duplicate-id = { $what ->
        [phase] phase
       *[category] category
    } id `{ $id }` is used twice
    .hint = give every entry its own id
window-ends-before-start = phase `{ $phase }`: window starts ({ $from }) after it ends ({ $to })
    .hint = swap `from` and `to`, or correct one of them
phase-without-dates = phase `{ $phase }` has neither `windows` nor a `deadline`
    .hint = add `windows: [{"{"}from: 2024-01-20 08:00, to: 2024-02-02 17:00{"}"}]` or `deadline: 2024-01-19 17:00`
working-days-out-of-range = phase `{ $phase }`: { $days } working days is not a deadline in this year
    .hint = count between 1 and { $max } working days
deadline-after-unknown-phase = phase `{ $phase }`: deadline counts after `{ $after }`, which is not a phase
    .hint = `after` names the id of another phase
deadline-cycle = relative deadlines after `{ $phase }` go round in a circle
    .hint = count at least one deadline from a phase that has windows
within-unknown-phase = phase `{ $phase }` is `within` `{ $parent }`, which is not a phase
    .hint = `within` names the id of another phase
outside-parent-phase = phase `{ $phase }` ({ $from } to { $to }) lies outside `{ $parent }`, which it is within
    .hint = `{ $parent }` runs { $span }; move the window inside it
phase-out-of-order = phase `{ $phase }` ({ $start }) comes before `{ $previous }` ({ $previous_start }), which is declared ahead of it
    .hint = phases are declared in the order they happen: correct the date, or move the phase
phase-on-day-off = phase `{ $phase }` includes { $date }, a day off
    .hint = this phase needs working days; see calendar.yaml
phase-outside-year = phase `{ $phase }`: { $date } is not in { $year }
    .hint = check the year; the notice is for { $year }

## The calendar (calendar.yaml) and the imprint

holiday-ends-before-start = holiday `{ $name }` ends ({ $to }) before it starts ({ $from })
    .hint = swap `from` and `to`, or correct one of them
day-off-and-workday = { $date } is listed both as a day off and as a make-up workday
    .hint = remove it from `holidays` or from `workdays`
holiday-outside-year = holiday `{ $name }` ({ $from } to { $to }) is not in { $year }
    .hint = calendar.yaml holds the holidays of { $year }; correct the year
holidays-overlap = holidays `{ $first }` and `{ $second }` overlap
    .hint = each day off belongs to one holiday: correct the dates
workday-outside-year = make-up workday { $date } is not in { $year }
    .hint = calendar.yaml holds the make-up workdays of { $year }; correct the year
workday-on-weekday = make-up workday { $date } is a { $weekday }, already a working day
    .hint = `workdays` lists the Saturdays and Sundays worked (调休上班); check the date
imprint-before-date = 印发日期 { $imprint } is before the 成文日期 { $date }
    .hint = a document is printed and issued on or after the day it is signed: correct one of the dates

## Ids and numbers

unreferable-id = { $what ->
        [phase] phase
        [category] category
       *[rules] rule list
    } id `{ $id }` cannot be referenced: a reference cannot hold spaces or punctuation
    .hint = use letters, digits, `_` and `-` only, e.g. `{ $example }`
    .hint-plain = use letters, digits, `_` and `-` only
part-of-unknown-category = category `{ $category }` is `part_of` `{ $parent }`, which is not a category
    .hint = known categories: { $known }
number-out-of-range = `{ $key }: { $value }` is out of range: it must be between { $min } and { $max }
    .hint = write a number from { $min } to { $max }; README.md lists the range of every number

## Text that would print wrongly

control-character = invisible control character { $char } in the text
    .hint = delete it (it often comes from copying out of a PDF or another program); only tabs and line breaks may be typed
template-tag-in-body = a template tag `{"{%"} … {"%}"}` in the body would be printed as it stands
    .hint = the body takes only fact references like `{"{{"} schedule.registration {"}}"}`; delete it, or write the text out
template-comment-in-body = a template comment `{"{#"} … {"#}"}` in the body would be printed as it stands
    .hint = the body takes only fact references like `{"{{"} schedule.registration {"}}"}`; delete it, or write the text out
empty-value = `{ $key }` is empty
    .hint = write the text, or remove the entry if it is not wanted
empty-list-item = a list item is empty
    .hint = write the text, or remove the entry if it is not wanted

## Dates typed in the body

literal-date-impossible = { $date } is not a real date
    .hint = correct the date, or reference it from schedule.yaml
literal-date-outside-year = { $date } is not in { $year }
    .hint = check the year; the notice is for { $year }

## Fact references in the body (`{"{{"} schedule.registration {"}}"}`)

reference-syntax = references are written `{"{{"} schedule.<phase> {"}}"}`, `{"{{"} categories.<id> {"}}"}`, `{"{{"} rules.<id> {"}}"}`; filters: weekday, noyear, date, and `{"{{"} schedule | table {"}}"}`
reference-not-closed = `{"{{"}` is not closed on the same line
    .hint = write a reference as `{"{{"} schedule.registration {"}}"}` on one line
reference-not-inline = `{ $reference }` is { $what ->
        [table] a table
       *[list] a list
    } and cannot stand inside a sentence
    .hint = put the reference on a line of its own, with a blank line before and after
reference-doubled = `{ $reference }` gives “{ $value }”, so the notice reads “{ $char }{ $char }” here
    .hint = delete the { $char } typed next to the reference; the reference already has it
reference-empty = empty reference `{"{{ }}"}`
reference-unknown-id = no { $what ->
        [phase] phase
        [category] category
       *[rules] rule list
    } `{ $id }`; { $suggestion }
reference-known-ids = known: { $known }
reference-phase-no-start = phase `{ $phase }` has no window, so no start
reference-phase-no-end = phase `{ $phase }` has no window or deadline
reference-phase-field = `{ $reference }`: a phase has `name`, `start` and `end`; did you mean `schedule.{ $phase }`?
reference-category-field = `{ $reference }`: a category has `name`, `qualifies`, `reviewer` and `materials`
reference-no-reviewer = category `{ $category }` has no `reviewer`
reference-empty-rule-list = rule list `{ $id }` in rules.yaml is empty, so nothing would be printed here
reference-not-a-fact = `{ $reference }` is not a fact; references start with schedule., categories., rules., document., authority. or year
reference-table-filter = `table` applies to `schedule` alone, not to `{ $reference }`
reference-unknown-filter = unknown filter `{ $filter }`
reference-unknown-filter-suggested = unknown filter `{ $filter }` { $suggestion }
reference-filter-not-date = `{ $reference }` is not a date; filters apply to dates only

## Headings and HTML in the body

heading-too-deep = headings go four levels deep (一、 （一） 1. （1）); this one is shown as level 4
    .hint = use #, ##, ### or ####
heading-level-skipped = a level-{ $level } heading follows { $previous ->
        [0] no heading
       *[other] a level-{ $previous } heading
    }: levels must not be skipped
    .hint = write { $marks } here; numbering goes 一、 （一） 1. （1） one level at a time
html-in-body = HTML in the body is not shown in the notice
    .hint = write plain text; the layout comes from the templates
