# `gazette check`: the facts against each other and the calendar.

weekday-mismatch = { $date } was a { $actual }, not a { $written }
    .hint = write { $actual }, or better: reference the date from schedule.yaml with `| weekday` so it is computed
