# 考生名单：文件在哪里、读取文件、逐行核对。

-save-as-csv = 在 Excel 中：另存为 → CSV UTF-8（逗号分隔）
-save-as-xlsx = 在 Excel 中：另存为 → Excel 工作簿（.xlsx）或 CSV UTF-8（逗号分隔）

# 消息中所列各项（表头、考生类别等）之间的分隔符。
data-list-separator = 、

## candidates.yaml 的 `file:` 和 `columns:`

candidates-file-empty = `file` 为空
    .hint = 请写相对于年度文件夹 `{ $folder }` 的路径，例如 candidates.csv
candidates-file-absolute = `file: { $file }` 是绝对路径
    .hint = 请写相对于年度文件夹 `{ $folder }` 的路径，例如 candidates.csv
candidates-file-outside = `file: { $file }` 指向年度文件夹 `{ $folder }` 之外
    .hint = 请写相对于年度文件夹 `{ $folder }` 的路径，例如 candidates.csv
candidates-file-type = `file: { $file }` 既不是 .csv 文件，也不是 .xlsx 文件
    .hint = { -save-as-xlsx }
candidates-header-only = `{ $file }` 只有表头行，没有考生
column-twice = 列 `{ $header }` 出现了两次：第 { $first } 列和第 { $second } 列
    .hint = 请改名或删除其中一列；程序读取的是前一列
column-missing = 没有列 `{ $header }`（由 `columns.{ $key }` 指定）；表头行中的列为：{ $present }
    .hint = 请修改文件中的列名，或修改 `{ $spec }` 中的 `columns.{ $key }`

## 读取文件

csv-is-xlsx = `{ $file }` 是 Excel 工作簿，不是 CSV 文本
    .hint = 请把扩展名改为 .xlsx，并把 candidates.yaml 中的 `file` 改为新文件名
csv-is-xls = `{ $file }` 是旧版 Excel .xls 工作簿，不是 CSV 文本
    .hint = 在 Excel 中：另存为 → Excel 工作簿（.xlsx），或 CSV UTF-8（逗号分隔）
csv-not-text = `{ $file }` 既不是 UTF-8 文本，也不是 GBK 文本
    .hint = { -save-as-csv }
csv-binary = `{ $file }` 不是文本文件（其中含有二进制数据）
    .hint = { -save-as-csv }
csv-invalid = `{ $file }` 不是有效的 CSV 文件
    .hint = { -save-as-csv }
candidates-empty = `{ $file }` 是空文件
    .hint = 第一行为各列的表头，此后每行一名考生
xlsx-unreadable = 无法读取 Excel 工作簿 `{ $file }`
    .hint = 请用 Excel 打开，重新另存为 Excel 工作簿（.xlsx）
xlsx-no-sheet = `{ $file }` 中没有工作表 `{ $sheet }`
    .hint = 其中的工作表为：{ $sheets }

## 逐行核对（每条都指明列名；证件号码和手机号码已隐去中间部分）

cell-empty = 列 `{ $column }`：单元格为空
sex-invalid = 列 `{ $column }`：`{ $value }` 不是“男”或“女”
sex-id-mismatch = 列 `{ $column }`：填写为{ $written }，但身份证号码 { $id } 的第 17 位是{ $id_sex ->
        [male] 奇数，应为男性
       *[female] 偶数，应为女性
    }
id-stored-as-number = 列 `{ $column }`：身份证号码在 Excel 中存成了数值，请把该列设为文本格式
    .hint = 存成数值会丢失末位的 X 和最后几位数字；请先把该列设为“文本”格式，再重新录入
id-length = 列 `{ $column }`：身份证号码 { $id } 有 { $length } 位，应为 18 位
id-not-digit = 列 `{ $column }`：身份证号码 { $id } 的第 { $position } 位是 `{ $char }`，不是数字
id-last-char = 列 `{ $column }`：身份证号码 { $id } 的第 18 位是 `{ $char }`，只能是数字或 X
id-region = 列 `{ $column }`：身份证号码 { $id } 的地址码 { $region } 不是省级行政区代码
id-birth-date = 列 `{ $column }`：出生日期 { $date } 不是有效日期
id-check-char = 列 `{ $column }`：身份证号码 { $id } 的校验码应为 { $expected }，不是 { $found }
id-born-after = 列 `{ $column }`：身份证号码 { $id } 的出生年份为 { $born } 年，晚于通知年份 { $year } 年
id-twice = 列 `{ $column }`：身份证号码 { $id } 已在第 { $first } 行出现
    .hint = 每名考生只能报名一次
phone-invalid = 列 `{ $column }`：{ $phone } 不是手机号码（11 位数字，以 13 至 19 开头）
    .hint = 只写 11 位数字，不加 +86、空格或短横线
phone-twice = 列 `{ $column }`：手机号码 { $phone } 已在第 { $first } 行出现
    .hint = 每个手机号码只能用于一名考生的报名
registration-twice = 列 `{ $column }`：报名号 { $number } 已在第 { $first } 行出现
    .hint = 每名考生的报名号各不相同
published-personal-number = 列 `{ $column }`：含有{ $kind ->
        [id] 完整的身份证号码
       *[phone] 手机号码
    }（{ $number }），而该列会在公示中公开
    .hint = 请从单元格中删去该号码（或在 publicity.yaml 的 `columns` 中不再公示该列）
category-unknown = 列 `{ $column }`：未知的考生类别 `{ $value }`
    .hint = 考生类别有：{ $categories }
review-unknown = 列 `{ $column }`：`{ $value }` 不是审核结果
    .hint = 通过：{ $passed }；不通过：{ $failed }；待审核：{ $pending }；其他写法请加到 candidates.yaml 的 `review_values` 中
review-empty-word = （空）
choice-after-failed-review = 列 `{ $column }`：{ $category }审核未通过，只能填报{ $general }志愿，不能填报{ $choice }志愿
