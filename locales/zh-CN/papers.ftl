# 考生回执和院校推荐登记表：其输入、回执密钥、照片、版式，以及 `gazette verify` 的问题。

## 输入（papers.yaml、candidates.yaml）

papers-registration-missing = 生成回执需要每名考生的报名号
    .hint = 请在 candidates.yaml 的 `columns:` 下加上 `registration_number: <报名号所在列的列名>`
papers-no-phase = schedule.yaml 中没有阶段 `{ $phase }`
papers-no-category = categories.yaml 中没有考生类别 `{ $category }`
    .hint = 请写考生类别的 id，例如 general 或 veteran
verify-year-no-receipts = { $year } 年没有回执（content/{ $year }/papers.yaml 中没有 `receipts:`）
    .hint = 请在生成回执的站点文件夹中运行，或用 --root 指定该站点
verify-no-receipts = 本站点没有任何一年生成回执
    .hint = 请在生成回执的站点文件夹中运行，或用 --root 指定该站点
papers-shard-not-number = `{ $value }` 不是数字
papers-shard-out-of-range = 分片 { $index }/{ $count }：I 必须在 1 到 N 之间

## 回执密钥

receipt-key-env-malformed = { $var } 不是 64 位十六进制数
    .hint = 删除该环境变量以改用密钥文件，或将其设为考试院的密钥
receipt-key-no-place = 无处存放回执密钥：XDG_CONFIG_HOME、HOME、APPDATA 均未设置
    .hint = 请设置 { $var }，或在 gazette.yaml 中写明 `receipts: key_file: …`
receipt-key-file-malformed = 回执密钥文件 `{ $file }` 中不是 64 位十六进制数
    .hint = 请从备份中恢复该文件；用其他密钥生成的回执无法通过核验
# 弱密钥来自文件时的说法（否则为环境变量名）。
receipt-key-source-file = 回执密钥文件 `{ $file }`
receipt-key-weak = { $source } 中的回执密钥过于简单（32 个字节都是 { $byte }）
    .hint = 请使用考试院的正式密钥；如需新密钥，删除该文件后运行 `gazette build`，程序会生成随机密钥（此前生成的回执将无法通过核验）
receipt-key-missing = 没有回执密钥：`{ $file }` 不存在，也未设置 { $var }
    .hint = 请在生成回执的计算机上运行，或设置考试院保管的密钥
receipt-key-read-failed = 无法读取回执密钥 `{ $file }`
receipt-key-no-random = 系统未能提供生成回执密钥所需的随机数
receipt-key-loose = 回执密钥文件 `{ $file }` 可被其他用户读取或修改（权限 { $mode }）
    .hint = 任何读到该文件的人都能伪造回执：请运行 `chmod 600 { $file }`
receipt-key-inside-site = 回执密钥文件 `{ $file }` 位于站点文件夹内
    .hint = 请把密钥放在站点之外（站点会被复制和发布）：另行指定 `receipts: key_file:`，或设置 GAZETTE_RECEIPT_KEY
receipt-key-create-failed = 无法创建回执密钥 `{ $file }`
    .hint = 请确保该文件夹可写，或设置 { $var }
receipt-without-key = 生成回执时缺少密钥

## 照片

photos-folder-missing = 没有照片文件夹 `{ $folder }`
    .hint = 请建立该文件夹（照片以身份证号码命名，例如 430102200001010011.jpg），或删去 `photos:`
photos-unmatched = `{ $folder }` 中有 { $count } 张照片与任何免试生的身份证号码都不对应：{ $names }
    .hint = 请以考生的 18 位身份证号码为每张照片命名
photo-unusable = { $whose }的照片 `{ $file }` 无法使用
    .hint = 请重新保存为 JPEG 或 PNG 格式，或删除该照片，让照片框留空
photo-not-image = 该文件既不是 JPEG，也不是 PNG
photo-too-large = 照片标明的尺寸为 { $width }×{ $height } 像素；每边最多 { $side } 像素，总计最多 { $megapixels } 百万像素
photo-too-small = 照片只有 { $width }×{ $height } 像素
jpeg-no-start = 该文件不是 JPEG（没有图像起始标记）
jpeg-broken-at = JPEG 文件结构在第 { $at } 字节处损坏
jpeg-cut-short = JPEG 文件不完整
jpeg-lossless = 该 JPEG 为无损或算术编码格式，PDF 无法显示
jpeg-no-frame = JPEG 文件在图像数据前没有帧头
jpeg-no-end = JPEG 文件不完整（没有图像结束标记）
jpeg-frame-short = JPEG 帧头不完整
jpeg-bit-depth = 该 JPEG 为 { $bits } 位；PDF 只能显示 8 位 JPEG
jpeg-cmyk = 该 JPEG 为印刷用的 CMYK 模式；请另存为 RGB（sRGB）JPEG
jpeg-components = 该 JPEG 有 { $components } 个颜色分量
png-too-large = PNG 图像过大
png-pixel-layout = PNG 的像素格式无法识别

## 回执和登记表的版式（templates/receipt.yaml、templates/form.yaml）

paper-kind-receipt = 考生回执
paper-kind-form = 推荐登记表
paper-of-candidate = { $name }的{ $kind }（`{ $file }` 第 { $row } 行）
paper-blank = { $year } 年的空白{ $kind }
paper-template-invalid = 模板 `{ $template }` 生成的版式不适用于{ $what }
    .hint = 请检查模板的 YAML：每个 {"{{"} value {"}}"} 都要放在双引号内
paper-template-written-line = 出错的是生成的这一行：`{ $line }`
paper-layout-failed = 无法排版{ $what }
paper-layout-font-hint = 请安装含有该字的字体（例如 fonts-noto-cjk），或在 gazette.yaml 的 `fonts:` 下指定一种
layout-no-glyph = 已安装的字体都没有“{ $text }”中的字 `{ $char }`（U+{ $code }）
layout-no-columns = 表格至少要有一个列宽
layout-too-many-cells = 表格第 { $row } 行的单元格多于其 { $columns } 列（在“{ $cell }”处）
layout-qr = 无法为“{ $data }”生成二维码：{ $reason }
layout-block-alone = `{ $key }:` 块中没有其他键（请把设置写在它里面）
layout-block-kind = 块只能是 `text:`、`table:`、`qr:`、`gap:`、`break:` 之一
photo-decoded-size = 解码后的尺寸与文件头声明的 { $width }×{ $height } 像素不符
