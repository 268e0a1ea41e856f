// Reads an XLSX with exceljs and with SheetJS (neither recalculates) and
// prints, for each, every non-empty cell as {"Sheet!A1": value}: numbers as
// numbers (dates as Excel serials), text as strings, formulas as their
// cached value. Usage: node read.mjs FILE.xlsx
import ExcelJS from 'exceljs';
import XLSX from 'xlsx';

const file = process.argv[2];
const epoch = Date.UTC(1899, 11, 30);
const serial = (d) => (d.getTime() - epoch) / 86400000;

function plain(v) {
  if (v === null || v === undefined) return undefined;
  if (v instanceof Date) return serial(v);
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'object') {
    if ('formula' in v || 'sharedFormula' in v) return plain(v.result);
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('hyperlink' in v) return plain(v.text);
    if ('error' in v) return v.error;
  }
  throw new Error('exceljs: unexpected cell value ' + JSON.stringify(v));
}

async function exceljs() {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out = {};
  wb.eachSheet((ws) => {
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (cell.isMerged && cell.master !== cell) return;
        // A formula's cell.value drops a cached result of 0 (exceljs keeps
        // only truthy results there); cell.result holds it.
        const v = cell.type === ExcelJS.ValueType.Formula ? plain(cell.result) : plain(cell.value);
        if (v !== undefined && v !== '') out[ws.name + '!' + cell.address] = v;
      });
    });
  });
  return out;
}

function sheetjs() {
  const wb = XLSX.readFile(file, { cellDates: false, cellFormula: false, cellHTML: false, cellText: false });
  const out = {};
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name];
    for (const ref of Object.keys(ws)) {
      if (ref.startsWith('!')) continue;
      const c = ws[ref];
      if (c.t === 'z' || c.v === undefined || c.v === '') continue;
      out[name + '!' + ref] = c.v;
    }
  }
  return out;
}

const result = { exceljs: await exceljs(), sheetjs: sheetjs() };
process.stdout.write(JSON.stringify(result));
