# 读取 gazette.yaml 和 content/<年份>/。

no-site = `{ $folder }` 中没有 `{ $file }`：这不是一个 gazette 站点
    .hint = 请在站点文件夹中运行 gazette，或用 --root 指定站点文件夹
