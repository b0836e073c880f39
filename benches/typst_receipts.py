"""The Typst peer of benches/papers.sh: the receipt's fields and layout in
Typst (text, a ruled table, a QR-sized box of the facts), one compiler per
process, one process per core. Run only when `import typst` works.
    python3 benches/typst_receipts.py CANDIDATES.csv OUT_DIR COUNT PROCESSES
"""
import csv
import multiprocessing
import os
import sys

TEMPLATE = r"""
#set page(paper: "a4", margin: (x: 18mm, y: 16mm))
#set text(font: ("Noto Serif CJK SC"), size: 11pt, lang: "zh")
#let c = json(bytes(sys.inputs.c))
#align(center, text(font: "Noto Sans CJK SC", size: 18pt)[2024年湖南省普通高等教育专升本考试报名回执])
#table(columns: (26mm, 61mm, 26mm, 61mm), inset: 6pt,
  [报名号], c.at(0), [姓名], c.at(1),
  [身份证号], c.at(2), [院校], c.at(3),
  [专业], table.cell(colspan: 3, c.at(4)))
#heading(level: 2)[注意事项]
+ 本回执记录考生报名时登记的信息，请核对；信息有误的，在资格审核结束前联系所在高职（专科）院校更正。
+ 请在规定时间内登录专升本信息平台完成缴费和志愿填报，逾期视为放弃。
+ 请妥善保管本回执，勿将身份证号和验证码告知他人。
"""


def work(args):
    rows, out, part = args
    import json
    import typst

    os.makedirs(out, exist_ok=True)
    path = os.path.join(out, f"receipt-{part}.typ")
    with open(path, "w", encoding="utf-8") as f:
        f.write(TEMPLATE)
    compiler = typst.Compiler(path)
    for r in rows:
        # Columns of the generated list: name 0, ID 2, college 4, major 5, 报名号 10.
        facts = [r[10], r[0], r[2][:6] + "********" + r[2][-4:], r[4], r[5]]
        compiler.compile(
            output=os.path.join(out, f"{r[10]}.pdf"),
            sys_inputs={"c": json.dumps(facts, ensure_ascii=False)},
        )


def main():
    src, out, count, procs = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    with open(src, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))[1 : count + 1]
    parts = [(rows[i::procs], out, i) for i in range(procs)]
    with multiprocessing.Pool(procs) as pool:
        pool.map(work, parts)


if __name__ == "__main__":
    main()
