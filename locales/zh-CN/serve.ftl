# `gazette serve`：预览服务器在终端中的输出及其页面。

serve-built = 已生成{ $what }：{ $files } 个文件，用时 { $seconds } 秒
serve-failed = 页面上显示了以上错误；仍在提供上一次成功生成的版本
serve-open-to-network = 警告：正在监听 { $address }：预览对网络上的其他计算机可见
serve-serving = 预览地址 { $url }（仅供预览，不用于发布；按 Ctrl-C 停止）
serve-no-browser = 无法打开浏览器（{ $program }：{ $error }）；请自行打开 { $url }
serve-what-pages = 网页
serve-what-pages-and-pdfs = 网页和 PDF
serve-cannot-listen = 无法监听 { $address }
    .hint = 请用 --port 换一个端口，或用 --port 0 让程序任选一个空闲端口
serve-no-thread = 无法启动线程

## 预览页面

serve-overlay-title = gazette serve：生成失败。
serve-overlay-text = 请修改下列文件，修改后本页会自动刷新；在此之前显示的是上一次成功生成的版本。
serve-not-in-site = 站点中没有 { $path }。
serve-index-link = 首页
serve-http-method = 只支持 GET 和 HEAD 请求
serve-http-bad-path = 请求路径有误
serve-http-no-pdf = 站点中没有这个 PDF
serve-http-not-found = 未找到
