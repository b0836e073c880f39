# `gazette init`（新建站点）和 `gazette new-year`（新建年度文件夹）。

scaffold-folder-not-empty = `{ $folder }` 不是空文件夹
    .hint = 请指定一个新文件夹；gazette init 从不覆盖已有文件
scaffold-create-failed = 无法创建 `{ $path }`
scaffold-write-failed = 无法写入 `{ $path }`
scaffold-copy-failed = 无法复制 `{ $path }`
scaffold-no-source-year = 没有可作为起点的 `content/{ $year }`
    .hint = 用 --from 指定一个已有的年度
scaffold-year-exists = `content/{ $year }` 已经存在
    .hint = gazette new-year 从不覆盖已有年度；如果那是一次作废的开头，请先删除它
scaffold-internal-pattern = 内部匹配规则出错
scaffold-old-year = `{ $text }` 仍属于{ $old }年
    .hint = 请在此处改为{ $new }年的日期（或文字）

# 写入新站点的文件。
scaffold-photos-readme =
    推荐登记表所用的考生照片，以考生身份证号码命名：
    <身份证号码>.jpg、.jpeg 或 .png。没有照片的考生，登记表上的照片框留空。
scaffold-templates-readme =
    在此放入与内置模板同名的文件（base.html、index.html、notice.html、
    publicity_index.html、publicity_list.html、receipts.html、receipts.js、search.js、style.css、
    receipt.yaml、form.yaml），即可替换内置模板。
    内置模板的副本在 gazette 代码仓库的 templates/ 文件夹中。
