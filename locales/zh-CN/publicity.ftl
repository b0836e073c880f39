# 公示：publicity.yaml 中的问题，以及公示名单的 PDF。

publicity-column-never = 列 `{ $column }` 不得公示
publicity-never-id-number = 身份证号码一律不得完整公示；请改用 `id_masked`（430102********1234）
publicity-never-phone = 电话号码一律不得公示
publicity-column-unknown = 没有名为 `{ $column }` 的列
publicity-columns-are = 可用的列有：{ $columns }
publicity-no-phase = 没有阶段 `{ $phase }`
publicity-name-a-phase = 请写 schedule.yaml 中的一个阶段
publicity-no-start = 公示期没有起始日期
    .hint = 请加上 `phase: publicity`（schedule.yaml 中的一个阶段）或 `start: 2024-03-04`
publicity-period-invalid = 公示期须写明 `days`（天数）或 `working_days`（工作日数）中的一项，且大于 0
    .hint = 请写 `period: {"{"}working_days: 5{"}"}` 或 `period: {"{"}days: 7{"}"}`
