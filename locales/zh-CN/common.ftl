# 所有诊断信息和报告共用的词语。

diag-error = 错误：
diag-warning = 警告：
diag-caused-by = 原因：
diag-hint = 提示：
diag-summary = { $errors } 个错误，{ $warnings } 个警告
did-you-mean = 是否想写 `{ $name }`？
