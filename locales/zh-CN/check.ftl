# `gazette check`：各项事实之间、事实与日历之间的核对。

weekday-mismatch = { $date }是{ $actual }，不是{ $written }
    .hint = 改为“{ $actual }”；更好的做法是用 `| weekday` 引用 schedule.yaml 中的日期，由程序算出星期
