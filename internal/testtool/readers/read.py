"""Reads an XLSX with openpyxl, in read-only and in normal mode (it never
recalculates), and prints every non-empty cell as {"Sheet!A1": value}:
numbers as numbers (dates as Excel serials), text as strings, formulas as
their cached value. Usage: python3 read.py FILE.xlsx"""
import datetime
import json
import sys

import openpyxl
from openpyxl.utils.datetime import to_excel


def plain(v):
    if isinstance(v, (datetime.datetime, datetime.date)):
        return to_excel(v)
    if isinstance(v, datetime.time):
        raise ValueError("unexpected time value %r" % (v,))
    return v


def read(path, read_only):
    wb = openpyxl.load_workbook(path, read_only=read_only, data_only=True)
    out = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                v = getattr(cell, "value", None)
                if v is None or v == "":
                    continue
                out["%s!%s" % (ws.title, cell.coordinate)] = plain(v)
    wb.close()
    return out


path = sys.argv[1]
json.dump({"openpyxl-read-only": read(path, True), "openpyxl": read(path, False)}, sys.stdout)
