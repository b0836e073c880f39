# `gazette serve`：预览服务器在终端中的输出及其页面。

serve-built = 已生成{ $what }：{ $files } 个文件，用时 { $seconds } 秒
serve-failed = 页面上显示了以上错误；仍在提供上一次成功生成的版本
serve-open-to-network = 警告：正在监听 { $address }：预览对网络上的其他计算机可见
serve-serving = 预览地址 { $url }（仅供预览，不用于发布；按 Ctrl-C 停止）
serve-no-browser = 无法打开浏览器（{ $program }：{ $error }）；请自行打开 { $url }
