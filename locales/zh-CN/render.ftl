# 各渲染器（HTML 模板、PDF、Word、OFD）及排版所用的字体。

## 模板

template-read-failed = 无法读取 `{ $file }`
template-load-failed = 加载模板时，模板 `{ $template }` 出错
    .hint = 请修改该模板，或把它从 templates/ 中删除，改用内置模板
template-render-failed = 生成 `{ $output }` 时，模板 `{ $template }` 出错
    .hint = 请修改该模板，或把它从 templates/ 中删除，改用内置模板
template-unknown-value = 模板得到的值中没有 `{ $name }`

## 字体

font-role-missing = 找不到 `fonts:` 下 `{ $role }` 一项所列的任何字体（已尝试：{ $tried }）
    .hint = 请安装中文字体：Debian/Ubuntu 上运行 `sudo apt-get install --no-install-recommends fonts-noto-cjk texlive-lang-chinese`；Windows 和 macOS 已自带
# font-fallback 所列各项之间的分隔符。
font-fallback-separator = ；
font-fallback = 未找到首选字体，已改用各字体链中的下一个：{ $fallbacks }
    .hint = 请安装首选字体，或在 gazette.yaml 的 `fonts:` 下写明已安装的字体
font-unreadable = 字体文件 `{ $file }` 无法作为字体读取
    .hint = 请在 gazette.yaml 中改用其他字体，或重新安装该字体
font-subset-failed = 无法为字体 `{ $face }` 生成子集：{ $reason }
    .hint = 请在 gazette.yaml 中改用其他字体，或重新安装该字体
font-file-unreadable = 无法读取字体文件
font-subset-not-opentype = 生成的子集不是可读的 OpenType 文件
font-listing = 字体文件 { $file } 打开 { $opens } 次：{ $faces }
font-listing-face = { $name } #{ $index }（{ $label }），用于 { $roles }
font-listing-unused = 未用到其中的字体

## 缺字及其位置

glyph-missing-notice = { $year } 年通知的{ $where }中有字符 `{ $char }`（U+{ $code }），所有字体都没有这个字
    .hint = 请安装含有该字的字体，并把它加到 gazette.yaml 中 `fonts:` 下的 `{ $role }` 字体链
glyph-missing-list = { $year } 年{ $category }名单中有字符 `{ $char }`（U+{ $code }），所有字体都没有这个字
    .hint = 请把含有该字的字体加到 gazette.yaml 中 `fonts:` 下的 `body` 字体链
where-heading = 标题“{ $text }”
where-paragraph = 段落“{ $text }”
where-item = 列表项“{ $text }”
where-table = 表格“{ $text }”
where-a-table = 表格
where-head = 版头
where-title = 标题
where-addressee = 主送机关
where-attachment-list = 附件说明
where-signature = 署名
where-note = 附注
where-attachment-label = “{ $label }”字样
where-attachment-title = { $label }标题
where-imprint = 版记
where-page-numbers = 页码

## 版面和文件打包

table-too-wide = 此表格需要 { $need } 毫米宽，而 { $year } 年通知的横向页面只有 { $page } 毫米
    .hint = 请把表格拆成两个，或缩短其中最长的词语和数字（单元格内不会在词语和数字中间断行）
red-not-colour = `{ $value }` 不是颜色值
    .hint = 请把红色写成 #RRGGBB 形式，例如 #FF3333
package-failed = 无法打包生成 `{ $file }`
