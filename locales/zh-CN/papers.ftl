# 推荐登记表和报名回执。

## 考生照片

photo-decoded-size = 解码后的尺寸与文件头声明的 { $width }×{ $height } 像素不符
