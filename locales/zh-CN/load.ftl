# 读取 gazette.yaml 和 content/<年份>/。

no-site = `{ $folder }` 中没有 `{ $file }`：这不是一个 gazette 站点
    .hint = 请在站点文件夹中运行 gazette，或用 --root 指定站点文件夹

## 站点的文件夹和文件

no-year-folder = `content/` 中没有年度文件夹
    .hint = 新建 `content/<年份>/`（如 content/2024/），放入 notice.yaml 和 notice.md
content-unlistable = 无法列出 `content/` 中的内容
    .hint = 新建 `content/` 文件夹，每个年度一个子文件夹
year-folder-is-link = `content/{ $name }` 是符号链接，已跳过
    .hint = 年度文件夹必须是站点内真实的文件夹
not-a-year-folder = `content/{ $name }` 不是年度文件夹，已跳过
    .hint = 年度文件夹以年份命名，如 content/2024
named-file-outside-year = `{ $name }` 指向年度文件夹以外
    .hint = 请填写年度文件夹中的文件，如 `notice.md`
named-file-unreadable = 这里填写的 `{ $name }` 无法读取
    .hint = 请新建 `{ $path }`
link-outside-site = `{ $path }` 链接到站点文件夹以外（`{ $target }`）
    .hint = 请把文件复制到站点中，不要用链接
read-failed = 无法读取 `{ $path }`
not-utf8 = `{ $path }` 不是 UTF-8 编码的文本
    .hint = 请把文件另存为 UTF-8 编码（记事本：“另存为”，编码选“UTF-8”）
no-such-file = 没有文件 `{ $path }`
    .hint = 请新建 `{ $path }`
    .hint-choose = 请新建这个文件，或改填该文件夹中已有的文件：{ $files }
empty-file = `{ $path }` 是空文件
    .hint = 这个文件应写的内容见 README.md 的内容说明

## YAML：解析库自己的说明作为原因附在后面

yaml-syntax = `{ $file }` 不符合 YAML 格式
    .hint = 缩进只用空格、不用 Tab，同一级的键上下对齐；值中含有 `: ` 或 ` #` 时要加引号
yaml-unknown-key = `{ $place }` 中有未知的键 `{ $key }`
    .hint = 删去 `{ $key }`；这里可用的键有：{ $known }
yaml-missing-key = `{ $place }` 中缺少键 `{ $key }`
    .hint = 请补上这个键；README.md 的内容说明列出了所有的键
yaml-duplicate-key = `{ $place }` 中键 `{ $key }` 出现了两次
    .hint = 只保留其中一个
yaml-wrong-type = `{ $place }` 的值类型不对
    .hint = 每个键应填写什么，见 README.md 的内容说明
yaml-unknown-option = `{ $value }` 不是 `{ $place }` 的可选值
    .hint = 请填写其中之一：{ $known }
yaml-invalid-value = `{ $place }` 的值不符合要求
    .hint = 每个键应填写什么，见 README.md 的内容说明
yaml-too-deep = `{ $file }` 嵌套或重复的层次过深
    .hint = 文件嵌套或重复过深（可能是别名炸弹）；请把各个值直接写出来
yaml-value-error = { $place }：{ $text }

## YAML 中的日期和时间

date-impossible = `{ $value }` 不是真实的日期：{ $month } 只有 { $days } 天
    .hint = 请改正日
date-no-such-month = `{ $value }` 中没有 { $month } 月；日期应写成 `2024-01-20`，日期和时间写成 `2024-01-20 08:00`
    .hint = 月份为 01 到 12
time-invalid = `{ $value }` 不是有效的时刻；日期应写成 `2024-01-20`，日期和时间写成 `2024-01-20 08:00`
    .hint = 时刻写成 `08:00` 到 `23:59`
date-invalid = `{ $value }` 不是日期；日期应写成 `2024-01-20`，日期和时间写成 `2024-01-20 08:00`
    .hint = 按“年-月-日”填写，如 `2024-01-20`
deadline-expected = 日期如 `2024-01-19 17:00`，或 `{"{"}after: <阶段 id>, working_days: 5{"}"}`
