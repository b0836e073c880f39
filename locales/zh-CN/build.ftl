# 各命令在终端上的输出：`build` 的进度和小结，`check`、`verify`、`new-year`、
# `init`、`sample-data`。

## gazette build

build-nothing-written = 没有写出任何文件；{ $output } 保持原样
build-key-created = 已创建回执密钥 { $path }：请妥善保密并做好备份，核验回执时要用到它
build-progress-papers = 考生回执和推荐登记表
build-summary = 已生成 { $files } 个文件，写入 { $output }，用时 { $seconds } 秒
build-papers = 考生回执 { $receipts } 份、院校推荐登记表 { $forms } 份{ $part }：新生成 { $made } 份，{ $reused } 份与上次相同
build-shard = （第 { $index }/{ $count } 部分）
build-key-derivations = 回执密钥（PBKDF2-SHA256，{ $iterations } 次迭代）：新派生 { $derived } 个，用 CPU { $cpu } 秒（每个 { $each } 毫秒），沿用 { $reused } 个
build-private = 仅供考试院工作人员和院校使用（不得公开）：{ $folder }

## gazette check

check-clean = 未发现问题

## gazette verify

verify-genuine = 核验通过：验证码与{ $name }的 { $year } 年回执（报名号 { $registration }）登记信息相符
verify-compare = 只有纸面回执所印信息与下列登记信息完全一致，验证码才能证明回执真实；请逐行核对：
verify-altered = 核验未通过：验证码与{ $name }的 { $year } 年回执不符；回执被改动过，或出具后登记信息有变更
verify-registered = { $name }的登记信息：
verify-unknown = 核验未通过：没有该身份证号码考生的回执

## gazette new-year, init, sample-data

new-year-copied = 已将 content/{ $from } 复制为 content/{ $year }：仍有 { $count } 处写的是 { $from } 年；请逐一修改，然后运行 gazette check
init-created = 已在 { $dir } 创建站点，共 { $files } 个文件
init-next = 下一步：cd { $dir } && gazette build
sample-data-written = 已将 { $count } 名考生写入 { $file }
sample-data-write-failed = 无法写入 `{ $file }`
    .hint = 请用 --output FILE 指定一个已存在且可写的文件夹中的文件

## 写出输出（写出阶段）

output-create-failed = 无法创建 `{ $file }`
output-write-failed = 无法写入 `{ $file }`
output-read-failed = 无法读取 `{ $file }`
output-move-failed = 无法移动 `{ $file }`
output-move-away-failed = 无法移走 `{ $file }`
output-replace-failed = 无法替换 `{ $file }`
output-io-hint = 请确认输出文件夹的上级文件夹存在且可写
private-inside-output = 非公开文件夹 `{ $private }` 位于输出文件夹 `{ $output }` 之内
    .hint = 输出文件夹中的一切都会公开发布：请把非公开文件夹放在它旁边，例如 `--output site/output --private site/private`
output-inside-private = 输出文件夹 `{ $output }` 位于非公开文件夹 `{ $private }` 之内
    .hint = 输出文件夹中的一切都会公开发布：请把非公开文件夹放在它旁边，例如 `--output site/output --private site/private`

## 隐私检查（逐个检查本次生成的文件中有无完整号码）

privacy-would-publish = `{ $file }`{ $place }含有考生 { $masked } 的{ $what }（来自 { $list } 第 { $row } 行 `{ $column }` 列），会被公开
    .hint = 是模板、正文或公示的某一列印出了该号码：请删去；本次未发布任何文件
privacy-what-id = 完整身份证号码
privacy-what-phone = 电话号码
privacy-place-page = 第 { $page } 页文本中
privacy-place-line = 第 { $line } 行第 { $column } 列
privacy-more-files = 另有 { $count } 个文件会公开完整的身份证号码或电话号码
privacy-unreadable = 隐私检查无法读取 `{ $file }`
