# 命令行：`gazette --help` 及各子命令的帮助。

cli-usage = 用法：
cli-options = 选项
cli-arguments = 参数
cli-commands = 命令
cli-help = 显示帮助（--help 显示完整说明）
cli-version = 显示版本号
cli-default = [默认：{ $value }]
cli-values = [可选：{ $values }]

cli-gazette = gazette：由 YAML 生成公文通知、公示名单、推荐登记表和考生回执。
    .long = gazette：由 YAML 生成公文通知、公示名单、推荐登记表和考生回执。

      每年的事实（日期、考生类别、规则）只在 content/<年份>/ 中写一次，所有文件都由它生成。
      开始使用：gazette init mysite && cd mysite && gazette build

cli-arg-quiet = 只显示错误和警告。
cli-arg-verbose = 同时列出写出的每个文件。
cli-arg-lang = 界面语言（zh 中文，en 英文）。未指定时依次看 GAZETTE_LANG、gazette.yaml 的 language:、系统区域设置。
cli-arg-root = 站点文件夹（含 gazette.yaml 和 content/）。
cli-arg-deny-warnings = 把警告当作错误处理。

cli-build = 生成站点：把各年度的网页和 PDF 写入输出文件夹。
    .long = 生成站点：把各年度的网页和 PDF 写入输出文件夹。

      先做全部检查，发现错误就什么也不写；输出文件夹要么整体替换，要么保持原样。

      示例：gazette build --root mysite --output public
cli-arg-output = 公开网站服务器所发布内容的写入位置。默认：<站点>/output。
cli-arg-private = 供考试院工作人员和院校使用的文件（带照片的登记表、回执明文副本、本次生成的清单）的写入位置：仅所有者可读，不得位于输出文件夹内。默认：<站点>/private。
cli-arg-only = 只生成网页，或只生成印发文件：PDF、notice.docx 和 notice.ofd（此时输出文件夹中只有这些）。
cli-arg-shard = 只生成回执和登记表 N 个互不重叠部分中的第 I 部分（网页和通知照常全部生成），供 N 台机器分担大批量生成；完成后把 N 个输出文件夹合并。

cli-verify = 核验考生回执：这个验证码是否与考试院密钥按该考生报名信息算出的一致？
    .long = 核验考生回执：这个验证码是否与考试院密钥按该考生报名信息算出的一致？

      需要生成回执时所用的回执密钥（密钥文件或 GAZETTE_RECEIPT_KEY）。退出状态：0 真实；1 不真实或查无此考生；2 用法或读写问题。

      示例：gazette verify 7KQ2-M9XD-4HPA-3TWC-V8RJ --id 430102200001011234
cli-verify-code = 回执上印的验证码（不区分大小写，空格和短横线可有可无）。
cli-verify-id-number = 考生的完整身份证号码（与身份证上一致）。
cli-verify-year = 只查这一年的考生。默认：所有生成过回执的年度。

cli-check = 检查内容、数据和模板，不写出任何文件。
    .long = 检查内容、数据和模板，不写出任何文件。

      退出状态：0 无错误（可有警告）；1 内容有错误；2 用法或读写问题。

      示例：gazette check --root mysite --format json
cli-check-format = 诊断信息的输出格式。

cli-serve = 编辑时在浏览器中预览站点。
    .long = 编辑时在浏览器中预览站点。

      在内存中生成并在 127.0.0.1 上提供预览（仅供预览，不用于发布）；content/、templates/ 或 gazette.yaml 一有改动就重新生成，已打开的页面自动刷新。生成出错时，页面上显示与 `gazette check` 相同的诊断信息。按 Ctrl-C 停止。

      示例：gazette serve --root mysite --port 8024 --open
cli-serve-port = 端口；0 表示自动选一个空闲端口。
cli-serve-bind = 监听地址。非本机回环地址会把预览暴露给网络。
cli-serve-open = 用系统浏览器打开首页。

cli-init = 新建站点，以自带示例作为第一个年度。
    .long = 新建站点，以自带示例作为第一个年度。

      示例：gazette init notices && cd notices && gazette build
cli-init-dir = 要创建的文件夹（必须不存在或为空）。

cli-new-year = 由上一年度开始新的年度：复制其文件夹，并列出仍属于旧年度的每个日期（不会悄悄顺延任何日期）。
    .long = 由上一年度开始新的年度：复制其文件夹，并列出仍属于旧年度的每个日期（不会悄悄顺延任何日期）。

      示例：gazette new-year 2025 --from 2024
cli-new-year-year = 新的年度。
cli-new-year-from = 要复制的年度。默认：前一年。

cli-diff = 比较两个年度的通知：日期的变动，考生类别和规则的增删改，以及正文的逐段差异。
    .long = 比较两个年度的通知：日期的变动，考生类别和规则的增删改，以及正文的逐段差异。

      两个年度都必须通过检查。报告输出到标准输出，同时写出一个网页版（供签发前阅读或打印）。无论有无差异，退出状态都是 0。

      示例：gazette diff 2023 2024
cli-diff-old = 较早的年度（作为比较基准）。
cli-diff-new = 较晚的年度。
cli-diff-html = 网页版的写入位置。默认：当前文件夹中的 diff-旧年度-新年度.html。

cli-completions = 输出命令行自动补全脚本。
    .long = 输出命令行自动补全脚本。

      示例：gazette completions bash > /etc/bash_completion.d/gazette
cli-completions-shell = 为哪种 shell 生成脚本。

cli-sample-data = 生成一份考生名单（格式有效、信息虚构），用于试用。
    .long = 生成一份考生名单（格式有效、信息虚构），用于试用。

      相同的种子总是生成相同的文件。

      示例：gazette sample-data --count 1000 --seed 7 --output content/2024/candidates.csv
cli-sample-data-count = 考生人数。
cli-sample-data-seed = 随机数种子。
cli-sample-data-output = 要写出的 CSV 文件。

# 用法错误（代替 clap 自带的英文提示）。
cli-error-more = 更多信息请运行 '--help'。
cli-error-unknown-argument = 错误：无法识别的参数“{ $arg }”
cli-error-unknown-command = 错误：没有“{ $subcommand }”这个命令
cli-error-missing-value = 错误：“{ $arg }”需要一个值，但没有给出
cli-error-invalid-value = 错误：“{ $value }”不是“{ $arg }”可用的值{ $valid ->
        [none] {""}
       *[other] （可选：{ $valid }）
    }
cli-error-missing-argument = 错误：缺少必需的参数：{ $arg }
cli-error-missing-command = 错误：需要指定一个命令（见 --help 中的列表）
cli-error-conflict = 错误：参数“{ $arg }”不能与“{ $other }”同时使用
cli-error-unexpected-value = 错误：“{ $arg }”不接受值“{ $value }”
cli-error-suggested = 提示：是否想输入“{ $suggestion }”？
