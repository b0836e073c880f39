"""Read an OFD with independent readers from PyPI (see tests/ofd.rs).

  ofd_read.py text FILE        ofdkit: DocInfo and each page's text runs in order, as JSON
  ofd_read.py render FILE OUT  ofd2img: the pages drawn into the PDF OUT
  ofd_read.py check FILE       the package's structure (prints "ok" or fails)
  ofd_read.py fonts FILE PDF   the embedded fonts against the PDF's (prints "ok N" or fails)

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
        info = doc.info.to_dict()
        # Each page's text runs in the order the page stores them (its
        # drawing order, which the PDF shares), not ofdkit's reading-order
        # guess, which sorts table cells into lines by baseline.
        pages = ["".join(run.text for run in p.runs) for p in doc.pages]
        warnings = [str(w) for w in doc.warnings]
    out = {"info": info, "pages": pages, "warnings": warnings}
    print(json.dumps(out, ensure_ascii=False, default=str))


NS = "{http://www.ofdspec.org/2016}"


def children(el, names):
    """The element's children are exactly `names` (a name ending in * may
    repeat or be absent, in ? may be absent), in that order."""
    got = [c.tag[len(NS):] if c.tag.startswith(NS) else c.tag for c in el]
    i = 0
    for name in names:
        bare = name.rstrip("*?")
        if name.endswith("*"):
            while i < len(got) and got[i] == bare:
                i += 1
        elif name.endswith("?"):
            i += i < len(got) and got[i] == bare
        else:
            assert i < len(got) and got[i] == bare, f"{el.tag}: {bare} expected at {i} in {got}"
            i += 1
    assert i == len(got), f"{el.tag}: unexpected {got[i:]}"


def check(path):
    """GB/T 33190-2016's structure as far as public descriptions of it and
    the readers' code establish it: every part well-formed in the OFD
    namespace, the elements gazette writes in the standard's order, IDs
    unique with MaxUnitID the largest, every reference resolved."""
    import xml.etree.ElementTree as ET

    z = zipfile.ZipFile(path)
    names = set(z.namelist())
    parse = lambda n: ET.fromstring(z.read(n))
    ofd = parse("OFD.xml")
    assert ofd.tag == NS + "OFD" and ofd.get("Version") == "1.0" and ofd.get("DocType") == "OFD"
    children(ofd, ["DocBody"])
    body = ofd.find(NS + "DocBody")
    children(body, ["DocInfo", "DocRoot"])
    children(body.find(NS + "DocInfo"), ["DocID", "Title", "Author", "Subject", "CreationDate", "Creator", "CreatorVersion"])
    root = body.find(NS + "DocRoot").text
    base = root.rsplit("/", 1)[0]
    doc = parse(root)
    assert doc.tag == NS + "Document"
    children(doc, ["CommonData", "Pages"])
    common = doc.find(NS + "CommonData")
    children(common, ["MaxUnitID", "PageArea", "PublicRes"])
    max_id = int(common.find(NS + "MaxUnitID").text)
    ids = []
    res_name = base + "/" + common.find(NS + "PublicRes").text
    res = parse(res_name)
    assert res.tag == NS + "Res"
    children(res, ["ColorSpaces", "Fonts"])
    fonts, spaces = set(), set()
    for cs in res.iter(NS + "ColorSpace"):
        ids.append(cs.get("ID"))
        spaces.add(cs.get("ID"))
    for f in res.iter(NS + "Font"):
        ids.append(f.get("ID"))
        fonts.add(f.get("ID"))
        assert f.get("FontName")
        children(f, ["FontFile"])
        assert f"{base}/{res.get('BaseLoc')}/{f.find(NS + 'FontFile').text}" in names
    pages = list(doc.find(NS + "Pages"))
    assert pages
    for p in pages:
        ids.append(p.get("ID"))
        page = parse(f"{base}/{p.get('BaseLoc')}")
        assert page.tag == NS + "Page"
        children(page, ["Area", "Content"])
        for layer in page.find(NS + "Content"):
            assert layer.tag == NS + "Layer"
            ids.append(layer.get("ID"))
            for obj in layer:
                ids.append(obj.get("ID"))
                assert len(obj.get("Boundary").split()) == 4
                for colour in obj:
                    if colour.tag.endswith("Color"):
                        assert colour.get("ColorSpace") in spaces
                if obj.tag == NS + "TextObject":
                    assert obj.get("Font") in fonts, obj.get("Font")
                    children(obj, ["FillColor", "CGTransform*", "TextCode"])
                    code = obj.find(NS + "TextCode")
                    deltas = (code.get("DeltaX") or "").split()
                    assert len(deltas) == len(code.text) - 1, code.text
                elif obj.tag == NS + "PathObject":
                    children(obj, ["StrokeColor?", "FillColor?", "AbbreviatedData"])
                else:
                    raise AssertionError(f"unexpected {obj.tag}")
    nums = [int(i) for i in ids]
    assert len(set(nums)) == len(nums), "duplicate IDs"
    assert max(nums) == max_id, (max(nums), max_id)
    print("ok", len(pages))


def fonts(path, pdf):
    """Every embedded font parses with fontTools with its checksums right,
    has as many glyphs as its glyph programs, and its CFF table is, byte
    for byte, a font program the PDF embeds (CIDFontType0C)."""
    import re
    import zlib

    from fontTools.ttLib import TTFont

    data = open(pdf, "rb").read()
    programs = set()
    # Font program streams: a flat dictionary, then the stream.
    for m in re.finditer(rb"\d+ 0 obj\s*<<([^<>]*)>>\s*stream\r?\n", data):
        if b"/CIDFontType0C" in m.group(1):
            length = int(re.search(rb"/Length (\d+)", m.group(1)).group(1))
            programs.add(zlib.decompress(data[m.end():m.end() + length]))
    z = zipfile.ZipFile(path)
    res = [n for n in z.namelist() if "/Res/" in n]
    assert res, "no embedded fonts"
    for name in res:
        font = TTFont(io.BytesIO(z.read(name)), checkChecksums=2)
        cff = font.reader["CFF "]
        assert cff in programs, f"{name}: its CFF is none of the PDF's {len(programs)} font programs"
        glyphs = len(font["CFF "].cff[0].CharStrings)
        assert font["maxp"].numGlyphs == glyphs == len(font["hmtx"].metrics), name
    print("ok", len(res))


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
    elif sys.argv[1] == "check":
        check(sys.argv[2])
    elif sys.argv[1] == "fonts":
        fonts(sys.argv[2], sys.argv[3])
    else:
        render(sys.argv[2], sys.argv[3])
