/* Known-answer file reader (see vectors.h). */
#include "vectors.h"

#include <stdlib.h>
#include <string.h>

#include "core/hex.h"
#include "test.h"

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        s[--n] = '\0';
    return s;
}

int tv_load(tv_file *f, const char *name)
{
    char rel[512];
    snprintf(rel, sizeof rel, "vectors/%s", name);
    const char *path = test_shared_path(rel);
    memset(f, 0, sizeof *f);
    FILE *fp = fopen(path, "r");
    if (!fp) {
        test_fail_at(__FILE__, __LINE__, "cannot open vector file %s", path);
        return -1;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    int lineno = 0;
    tv_case *cur = NULL;
    char *comment = NULL;
    size_t case_cap = 0;
    while ((got = getline(&line, &cap, fp)) >= 0) {
        lineno++;
        char *s = trim(line);
        if (*s == '#') {
            if (cur == NULL || cur->n == 0) {
                size_t old = comment ? strlen(comment) : 0;
                size_t add = strlen(s);
                comment = realloc(comment, old + add + 2);
                if (old)
                    comment[old++] = '\n';
                memcpy(comment + old, s, add + 1);
            }
            continue;
        }
        if (*s == '\0') {
            if (cur) {
                cur = NULL;
                free(comment);
                comment = NULL;
            }
            continue;
        }
        char *eq = strchr(s, '=');
        if (!eq) {
            test_fail_at(__FILE__, __LINE__, "%s:%d: no '=' in line", path, lineno);
            continue;
        }
        *eq = '\0';
        char *k = trim(s), *v = trim(eq + 1);
        if (!cur) {
            if (f->n == case_cap) {
                case_cap = case_cap ? case_cap * 2 : 16;
                f->cases = realloc(f->cases, case_cap * sizeof *f->cases);
            }
            cur = &f->cases[f->n++];
            memset(cur, 0, sizeof *cur);
            cur->line = lineno;
            cur->comment = comment ? comment : strdup("");
            comment = NULL;
        }
        cur->fields = realloc(cur->fields, (cur->n + 1) * sizeof *cur->fields);
        cur->fields[cur->n].key = strdup(k);
        cur->fields[cur->n].value = strdup(v);
        cur->n++;
    }
    free(line);
    free(comment);
    fclose(fp);
    if (f->n == 0) {
        test_fail_at(__FILE__, __LINE__, "%s: no cases", path);
        return -1;
    }
    return 0;
}

void tv_free(tv_file *f)
{
    for (size_t i = 0; i < f->n; i++) {
        for (size_t j = 0; j < f->cases[i].n; j++) {
            free(f->cases[i].fields[j].key);
            free(f->cases[i].fields[j].value);
        }
        free(f->cases[i].fields);
        free(f->cases[i].comment);
    }
    free(f->cases);
    memset(f, 0, sizeof *f);
}

const char *tv_get(const tv_case *c, const char *key)
{
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->fields[i].key, key) == 0)
            return c->fields[i].value;
    return NULL;
}

const tv_case *tv_next_where(const tv_file *f, size_t *pos, const char *key, const char *value)
{
    while (*pos < f->n) {
        const tv_case *c = &f->cases[(*pos)++];
        const char *v = tv_get(c, key);
        if (v && strcmp(v, value) == 0)
            return c;
    }
    return NULL;
}

uint8_t *tv_hex(const tv_case *c, const char *key, size_t *len)
{
    const char *v = tv_get(c, key);
    *len = 0;
    if (!v) {
        test_fail_at(__FILE__, __LINE__, "case at line %d has no '%s'", c->line, key);
        return calloc(1, 1);
    }
    size_t n = strlen(v);
    uint8_t *out = malloc(n / 2 + 1);
    if (gmtls_hex_decode(v, n, out, n / 2 + 1, len) != 0) {
        test_fail_at(__FILE__, __LINE__, "case at line %d: bad hex in '%s'", c->line, key);
        *len = 0;
    }
    return out;
}

long tv_long(const tv_case *c, const char *key)
{
    const char *v = tv_get(c, key);
    return v ? strtol(v, NULL, 10) : -1;
}

int tv_hex_fixed(const tv_case *c, const char *key, uint8_t *out, size_t n)
{
    size_t len;
    uint8_t *b = tv_hex(c, key, &len);
    int ok = len == n;
    if (ok)
        memcpy(out, b, n);
    else
        test_fail_at(__FILE__, __LINE__, "case at line %d: '%s' is %zu bytes, want %zu", c->line, key, len, n);
    free(b);
    return ok ? 0 : -1;
}
