# `gazette check`：各项事实之间、事实与日历之间的核对。

weekday-mismatch = { $date }是{ $actual }，不是{ $written }
    .hint = 改为“{ $actual }”；更好的做法是用 `| weekday` 引用 schedule.yaml 中的日期，由程序算出星期

## 日程（schedule.yaml）

duplicate-id = { $what ->
        [phase] 阶段
       *[category] 考生类别
    } id `{ $id }` 重复使用
    .hint = 每一项都要有自己的 id，请改掉其中一个
window-ends-before-start = 阶段 `{ $phase }`：时间段的开始（{ $from }）晚于结束（{ $to }）
    .hint = 对调 `from` 和 `to`，或改正其中一个日期
phase-without-dates = 阶段 `{ $phase }` 既没有 `windows`（时间段），也没有 `deadline`（截止时间）
    .hint = 加上 `windows: [{"{"}from: 2024-01-20 08:00, to: 2024-02-02 17:00{"}"}]` 或 `deadline: 2024-01-19 17:00`
working-days-out-of-range = 阶段 `{ $phase }`：{ $days } 个工作日不能作为本年度的截止时间
    .hint = 工作日数应在 1 到 { $max } 之间
deadline-after-unknown-phase = 阶段 `{ $phase }`：截止时间从 `{ $after }` 之后起算，但没有这个阶段
    .hint = `after` 应填写另一个阶段的 id
deadline-cycle = 从 `{ $phase }` 起算的截止时间相互引用，形成循环
    .hint = 至少要有一个截止时间从有时间段（windows）的阶段起算
within-unknown-phase = 阶段 `{ $phase }` 标明位于 `{ $parent }` 之内（`within`），但没有这个阶段
    .hint = `within` 应填写另一个阶段的 id
outside-parent-phase = 阶段 `{ $phase }`（{ $from } 至 { $to }）不在它所属的阶段 `{ $parent }` 之内
    .hint = `{ $parent }` 的时间是{ $span }；请把时间段移到其中
phase-out-of-order = 阶段 `{ $phase }`（{ $start }）早于排在它前面的阶段 `{ $previous }`（{ $previous_start }）
    .hint = 各阶段按发生的先后顺序排列：请改正日期，或调整阶段的位置
phase-on-day-off = 阶段 `{ $phase }` 包含休息日 { $date }
    .hint = 这个阶段只能安排在工作日；节假日和调休见 calendar.yaml
phase-outside-year = 阶段 `{ $phase }`：{ $date } 不在 { $year } 年内
    .hint = 请核对年份；本通知是 { $year } 年的

## 日历（calendar.yaml）和版记

holiday-ends-before-start = 节假日“{ $name }”的结束日期（{ $to }）早于开始日期（{ $from }）
    .hint = 对调 `from` 和 `to`，或改正其中一个日期
day-off-and-workday = { $date } 既列为放假日，又列为调休上班日
    .hint = 从 `holidays` 或 `workdays` 中删去它
holiday-outside-year = 节假日“{ $name }”（{ $from } 至 { $to }）不在 { $year } 年内
    .hint = calendar.yaml 记录的是 { $year } 年的法定节假日；请改正年份
holidays-overlap = 节假日“{ $first }”和“{ $second }”的日期重叠
    .hint = 每个放假日只属于一个节假日；请改正日期
workday-outside-year = 调休上班日 { $date } 不在 { $year } 年内
    .hint = calendar.yaml 记录的是 { $year } 年的调休上班日；请改正年份
workday-on-weekday = 调休上班日 { $date } 是{ $weekday }，本来就是工作日
    .hint = `workdays` 只列调休上班的周六、周日；请核对日期
imprint-before-date = 印发日期 { $imprint } 早于成文日期 { $date }
    .hint = 公文在成文当日或之后印发；请改正其中一个日期

## id 和数值

unreferable-id = { $what ->
        [phase] 阶段
        [category] 考生类别
       *[rules] 规则列表
    } id `{ $id }` 无法被引用：引用中不能有空格或标点
    .hint = 只用字母、数字、`_` 和 `-`，例如 `{ $example }`
    .hint-plain = 只用字母、数字、`_` 和 `-`
part-of-unknown-category = 考生类别 `{ $category }` 标明属于（`part_of`）`{ $parent }`，但没有这个考生类别
    .hint = 已有的考生类别：{ $known }
number-out-of-range = `{ $key }: { $value }` 超出范围：应在 { $min } 到 { $max } 之间
    .hint = 填写 { $min } 到 { $max } 之间的数；各项数值的范围见 README.md

## 会印错的文字

control-character = 文字中有看不见的控制字符 { $char }
    .hint = 请删除它（常见于从 PDF 或其他软件中复制的文字）；只允许输入制表符和换行
template-tag-in-body = 正文中的模板标签 `{"{%"} … {"%}"}` 会原样印出
    .hint = 正文只能引用事实，如 `{"{{"} schedule.registration {"}}"}`；请删除它，或改写成普通文字
template-comment-in-body = 正文中的模板注释 `{"{#"} … {"#}"}` 会原样印出
    .hint = 正文只能引用事实，如 `{"{{"} schedule.registration {"}}"}`；请删除它，或改写成普通文字
empty-value = `{ $key }` 的内容为空
    .hint = 请填写内容；不需要这一项就删去
empty-list-item = 列表中有一项为空
    .hint = 请填写内容；不需要这一项就删去

## 正文中直接写的日期

literal-date-impossible = 不存在{ $date }这一天
    .hint = 请改正日期，或从 schedule.yaml 引用日期
literal-date-outside-year = { $date }不在 { $year } 年内
    .hint = 请核对年份；本通知是 { $year } 年的

## 正文中的事实引用（`{"{{"} schedule.registration {"}}"}`）

reference-syntax = 引用的写法是 `{"{{"} schedule.<阶段> {"}}"}`、`{"{{"} categories.<id> {"}}"}`、`{"{{"} rules.<id> {"}}"}`；可用的过滤器有 weekday、noyear、date，以及 `{"{{"} schedule | table {"}}"}`
reference-not-closed = `{"{{"}` 没有在同一行内闭合
    .hint = 引用要写在一行内，如 `{"{{"} schedule.registration {"}}"}`
reference-not-inline = `{ $reference }` 是{ $what ->
        [table] 表格
       *[list] 列表
    }，不能放在句子中间
    .hint = 把引用单独写成一段，前后各空一行
reference-doubled = `{ $reference }` 的内容是“{ $value }”，通知中这里会印成“{ $char }{ $char }”
    .hint = 删去引用旁边手写的“{ $char }”，引用本身已经带有
reference-empty = 空的引用 `{"{{ }}"}`
reference-unknown-id = 没有{ $what ->
        [phase] 阶段
        [category] 考生类别
       *[rules] 规则列表
    } `{ $id }`；{ $suggestion }
reference-known-ids = 已有：{ $known }
reference-phase-no-start = 阶段 `{ $phase }` 没有时间段，因此没有开始时间
reference-phase-no-end = 阶段 `{ $phase }` 既没有时间段也没有截止时间
reference-phase-field = `{ $reference }`：阶段只有 `name`、`start` 和 `end`；是否想写 `schedule.{ $phase }`？
reference-category-field = `{ $reference }`：考生类别只有 `name`、`qualifies`、`reviewer` 和 `materials`
reference-no-reviewer = 考生类别 `{ $category }` 没有 `reviewer`（审核单位）
reference-empty-rule-list = rules.yaml 中的规则列表 `{ $id }` 是空的，这里什么也不会印出
reference-not-a-fact = `{ $reference }` 不是可引用的事实；引用以 schedule.、categories.、rules.、document.、authority. 或 year 开头
reference-table-filter = `table` 只能用于 `schedule` 本身，不能用于 `{ $reference }`
reference-unknown-filter = 没有过滤器 `{ $filter }`
reference-unknown-filter-suggested = 没有过滤器 `{ $filter }`；{ $suggestion }
reference-filter-not-date = `{ $reference }` 不是日期；过滤器只能用于日期

## 正文中的标题和 HTML

heading-too-deep = 标题最多四级（一、 （一） 1. （1））；这个标题按第四级显示
    .hint = 只用 #、##、### 或 ####
heading-level-skipped = 第 { $level } 级标题前面{ $previous ->
        [0] 没有标题
       *[other] 是第 { $previous } 级标题
    }：标题不能跳级
    .hint = 这里应写 { $marks }；编号按 一、 （一） 1. （1） 逐级排列
html-in-body = 正文中的 HTML 不会显示在通知中
    .hint = 请写普通文字；版式由模板决定
