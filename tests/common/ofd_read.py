"""Read an OFD with independent readers from PyPI (see tests/ofd.rs).

  ofd_read.py text FILE        ofdkit: DocInfo and each page's text, as JSON
  ofd_read.py render FILE OUT  ofd2img: the pages drawn into the PDF OUT

ofd2img draws text with reportlab, which takes TrueType outlines only, so
before drawing, each embedded CFF font is converted to TrueType with
fontTools' cu2qu (quadratic curves within 0.5 font units of the cubic
ones): the glyphs drawn are still the OFD's own embedded subsets, found
through their own cmap, at the OFD's positions. One bug of ofd2img is
worked around (see `render`).
"""
import io
import json
import logging
import sys
import zipfile

from loguru import logger

logger.remove()
logging.disable(logging.WARNING)


def text(path):
    import ofdkit

    with ofdkit.open(path) as doc:
        info = doc.info.to_dict() if hasattr(doc, "info") else {}
        pages = [p.text() for p in doc.pages]
    print(json.dumps({"info": info, "pages": pages}, ensure_ascii=False, default=str))


def truetype(data):
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont, newTable

    font = TTFont(io.BytesIO(data))
    if "CFF " not in font:
        return data
    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(None)
        glyphs[name].draw(Cu2QuPen(pen, 0.5, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    del font["CFF "]
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for field in ("maxZones",):
        setattr(maxp, field, 1)
    for field in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs",
                  "maxInstructionDefs", "maxStackElements",
                  "maxSizeOfInstructions", "maxComponentElements",
                  "maxComponentDepth"):
        setattr(maxp, field, 0)
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def render(path, out):
    from ofd2img import OFD

    buf = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(buf, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if "/Res/" in item.filename and item.filename.endswith(".otf"):
                data = truetype(data)
            dst.writestr(item, data)
    doc = OFD()
    doc.read(buf.getvalue(), fmt="binary")
    # ofd2img registers an embedded font under `@FontName`, a key its own
    # resource parser never fills, and draws with `FontName` after
    # rewriting "Bold"/"Regular" in it twice: name each font by its ID
    # under both keys, which nothing rewrites.
    for d in doc.data:
        for font_id, font in d["fonts"].items():
            font["@FontName"] = font["FontName"] = f"F{font_id}"
    with open(out, "wb") as f:
        f.write(doc.to_pdf())


if __name__ == "__main__":
    if sys.argv[1] == "text":
        text(sys.argv[2])
    else:
        render(sys.argv[2], sys.argv[3])
