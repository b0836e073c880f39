# 公示 publicity: publicity.yaml's problems and the list's PDF.

publicity-column-never = column `{ $column }` cannot be published
publicity-never-id-number = full ID numbers are never published; use `id_masked` (430102********1234)
publicity-never-phone = phone numbers are never published
publicity-column-unknown = unknown column `{ $column }`
publicity-columns-are = columns are { $columns }
publicity-no-phase = no phase `{ $phase }`
publicity-name-a-phase = name a phase of schedule.yaml
publicity-no-start = the publicity period has no start
    .hint = add `phase: publicity` (a phase of schedule.yaml) or `start: 2024-03-04`
publicity-period-invalid = the publicity period needs exactly one of `days` or `working_days`, above 0
    .hint = write `period: {"{"}working_days: 5{"}"}` or `period: {"{"}days: 7{"}"}`
