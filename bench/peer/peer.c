/*
 * peer: the benchmark's peer. It writes, with libxlsxwriter in its
 * constant-memory mode, the cells that bench/xlsxdump read from a
 * dprkreport workbook: the same values, formulas with their cached
 * values, column widths, row heights and cell formats.
 *
 *     peer WORKBOOK.dump OUT.xlsx
 *
 * Built by bench/compare:  cc -O2 -o peer peer.c -lxlsxwriter
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#define MAXFIELDS 8

static void die(const char *what, long line) {
    fprintf(stderr, "peer: line %ld: %s\n", line, what);
    exit(1);
}

/* unescape undoes xlsxdump's \\, \t, \n and \r in place. */
static void unescape(char *s) {
    char *w = s;
    for (char *r = s; *r; r++) {
        if (*r == '\\' && r[1]) {
            r++;
            switch (*r) {
            case 't': *w++ = '\t'; break;
            case 'n': *w++ = '\n'; break;
            case 'r': *w++ = '\r'; break;
            default: *w++ = *r;
            }
        } else {
            *w++ = *r;
        }
    }
    *w = 0;
}

/* split cuts a line at its tabs; the fields keep their escapes. */
static int split(char *line, char **f) {
    int n = 0;
    f[n++] = line;
    for (char *p = line; *p && n < MAXFIELDS; p++) {
        if (*p == '\t') {
            *p = 0;
            f[n++] = p + 1;
        } else if (*p == '\n') {
            *p = 0;
            break;
        }
    }
    char *nl = strchr(f[n - 1], '\n');
    if (nl) *nl = 0;
    return n;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: peer WORKBOOK.dump OUT.xlsx\n");
        return 2;
    }
    FILE *in = fopen(argv[1], "r");
    if (!in) {
        fprintf(stderr, "peer: %s: %s\n", argv[1], strerror(errno));
        return 1;
    }
    lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .use_zip64 = LXW_TRUE};
    lxw_workbook *wb = workbook_new_opt(argv[2], &opt);
    if (!wb) die("cannot create the workbook", 0);

    lxw_format **formats = NULL;
    int nformats = 0;
    lxw_worksheet *ws = NULL;
    char *line = NULL;
    size_t cap = 0;
    long lineno = 0;
    char *f[MAXFIELDS];
    while (getline(&line, &cap, in) > 0) {
        lineno++;
        int n = split(line, f);
        switch (f[0][0]) {
        case 'X': { /* X xf numfmt flags */
            if (n < 4) die("short X line", lineno);
            int id = atoi(f[1]);
            if (id >= nformats) {
                formats = realloc(formats, (id + 1) * sizeof *formats);
                for (int i = nformats; i <= id; i++) formats[i] = NULL;
                nformats = id + 1;
            }
            lxw_format *fm = workbook_add_format(wb);
            unescape(f[2]);
            if (*f[2]) format_set_num_format(fm, f[2]);
            for (char *p = f[3]; *p; p++) {
                switch (*p) {
                case 'b': format_set_bold(fm); break;
                case 'i': format_set_italic(fm); break;
                case 'u': format_set_underline(fm, LXW_UNDERLINE_SINGLE); break;
                case 'w': format_set_text_wrap(fm); break;
                case 'r': format_set_rotation(fm, 90); break;
                case 'f': format_set_pattern(fm, LXW_PATTERN_SOLID); format_set_bg_color(fm, 0x1F3864); break;
                }
            }
            format_set_align(fm, LXW_ALIGN_VERTICAL_TOP);
            formats[id] = fm;
            break;
        }
        case 'S':
            if (n < 2) die("short S line", lineno);
            unescape(f[1]);
            ws = workbook_add_worksheet(wb, f[1]);
            if (!ws) die("cannot add the worksheet", lineno);
            break;
        case 'W':
            if (!ws || n < 3) die("W line outside a sheet", lineno);
            worksheet_set_column(ws, atoi(f[1]), atoi(f[1]), atof(f[2]), NULL);
            break;
        case 'H':
            if (!ws || n < 3) die("H line outside a sheet", lineno);
            worksheet_set_row(ws, atoi(f[1]), atof(f[2]), NULL);
            break;
        case 'C': { /* C row col xf type value [formula] */
            if (!ws || n < 6) die("C line outside a sheet or short", lineno);
            lxw_row_t row = strtoul(f[1], NULL, 10);
            lxw_col_t col = strtoul(f[2], NULL, 10);
            int xf = atoi(f[3]);
            lxw_format *fm = xf < nformats ? formats[xf] : NULL;
            const char *t = f[4];
            unescape(f[5]);
            lxw_error err;
            if (t[0] == 'f') {
                if (n < 7) die("formula without its text", lineno);
                unescape(f[6]);
                if (t[1] == 's')
                    err = worksheet_write_formula_str(ws, row, col, f[6], fm, f[5]);
                else
                    err = worksheet_write_formula_num(ws, row, col, f[6], fm, strtod(f[5], NULL));
            } else if (t[0] == 's') {
                err = worksheet_write_string(ws, row, col, f[5], fm);
            } else if (t[0] == 'b') {
                err = worksheet_write_boolean(ws, row, col, atoi(f[5]), fm);
            } else {
                err = worksheet_write_number(ws, row, col, strtod(f[5], NULL), fm);
            }
            if (err) die(lxw_strerror(err), lineno);
            break;
        }
        default:
            die("unknown line", lineno);
        }
    }
    free(line);
    fclose(in);
    lxw_error err = workbook_close(wb);
    if (err) die(lxw_strerror(err), lineno);
    free(formats);
    return 0;
}
