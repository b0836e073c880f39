# `gazette diff`：命令本身和终端上的比对报告。

diff-no-year = 本站点没有 { $year } 年度
    .hint = 现有年度：{ $present }；请从中选两个比较，例如 gazette diff { $example }
diff-write-failed = 无法写入 `{ $file }`
    .hint = 请用 --html FILE 指定一个可写的文件
diff-wrote = 已写出 { $file }

## 比对报告（通知自身的标签，如发文字号，保持原样）

diff-none = { $old } 年与 { $new } 年的通知没有差异
diff-document = 文件信息
diff-schedule = 日程：{ $moved } 个阶段时间变动，新增 { $added } 个，删除 { $removed } 个
diff-categories = 报考类别
diff-rules = 规则
diff-part = { $title }：{ $changed } 处变化，{ $unchanged } 段未变
diff-named = { $name }（{ $id }）
diff-item-added = { $item }：新增
diff-item-removed = { $item }：删除
diff-item-changed = { $item }：修改
diff-renamed = 名称
diff-top = （开头）
