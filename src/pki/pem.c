/* PEM (RFC 7468): "-----BEGIN label-----", base64 body, "-----END label-----". Parsing follows the
 * lax rules of RFC 7468 3 that real files need: text before, between and after blocks is ignored,
 * lines may end in CRLF, whitespace around the base64 lines is skipped. The base64 itself is
 * decoded strictly. */
#include "gmtls/pem.h"

#include <stdlib.h>
#include <string.h>

#include "gmtls/error.h"
#include "gmtls/util.h"
#include "pki/base64.h"

static const char BEGIN[] = "-----BEGIN ";
static const char END[] = "-----END ";
static const char DASHES[] = "-----";

/* First occurrence of the NUL-terminated needle in text[from..len) at the start of a line, or len. */
static size_t find_at_line_start(const char *text, size_t len, size_t from, const char *needle)
{
    size_t nl = strlen(needle);
    for (size_t i = from; i + nl <= len; i++) {
        if ((i == 0 || text[i - 1] == '\n') && memcmp(text + i, needle, nl) == 0)
            return i;
    }
    return len;
}

/* Index just past the end of the line containing position i (past the '\n', or len). */
static size_t next_line(const char *text, size_t len, size_t i)
{
    while (i < len && text[i] != '\n')
        i++;
    return i < len ? i + 1 : len;
}

/* RFC 7468 3: the rest of a BEGIN/END line after the closing dashes may only be whitespace. */
static int rest_is_blank(const char *text, size_t len, size_t i)
{
    for (; i < len && text[i] != '\n'; i++)
        if (text[i] != ' ' && text[i] != '\t' && text[i] != '\r')
            return 0;
    return 1;
}

/* RFC 7468 3 "label": printable characters except '-', with single hyphens or spaces inside. */
static int label_ok(const char *s, size_t n)
{
    if (n == 0 || n > 63 || s[0] == ' ' || s[0] == '-' || s[n - 1] == ' ' || s[n - 1] == '-')
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < 0x20 || s[i] > 0x7e)
            return 0;
        if ((s[i] == '-' || s[i] == ' ') && (s[i + 1] == '-' || s[i + 1] == ' '))
            return 0;
    }
    return 1;
}

int gmtls_pem_next(const char *text, size_t len, size_t *pos, gmtls_pem_block *blk)
{
    memset(blk, 0, sizeof(*blk));
    if (!text || !pos || *pos > len)
        return GMTLS_ERR_INVALID_ARG;
    size_t b = find_at_line_start(text, len, *pos, BEGIN);
    if (b == len)
        return GMTLS_ERR_NOT_FOUND;
    size_t lab = b + sizeof(BEGIN) - 1;
    size_t lab_end = lab;
    while (lab_end < len && text[lab_end] != '\n' &&
           !(lab_end + 5 <= len && memcmp(text + lab_end, DASHES, 5) == 0))
        lab_end++;
    if (lab_end + 5 > len || memcmp(text + lab_end, DASHES, 5) != 0 || !label_ok(text + lab, lab_end - lab) ||
        !rest_is_blank(text, len, lab_end + 5))
        return GMTLS_ERR_PEM;
    size_t label_len = lab_end - lab;
    size_t body = next_line(text, len, lab_end);
    size_t e = find_at_line_start(text, len, body, END);
    /* A second BEGIN before the END means this block was never closed. */
    size_t b2 = find_at_line_start(text, len, body, BEGIN);
    if (e == len || b2 < e)
        return GMTLS_ERR_PEM;
    size_t elab = e + sizeof(END) - 1;
    if (elab + label_len + 5 > len || memcmp(text + elab, text + lab, label_len) != 0 ||
        memcmp(text + elab + label_len, DASHES, 5) != 0 || !rest_is_blank(text, len, elab + label_len + 5))
        return GMTLS_ERR_PEM;
    size_t body_len = e - body;
    size_t cap = body_len / 4 * 3 + 3;
    uint8_t *der = malloc(cap);
    if (!der)
        return GMTLS_ERR_NO_MEMORY;
    size_t der_len;
    int err = gmtls_base64_decode(text + body, body_len, 1, der, cap, &der_len);
    if (err) {
        gmtls_wipe(der, cap);
        free(der);
        return err;
    }
    memcpy(blk->label, text + lab, label_len);
    blk->label[label_len] = '\0';
    blk->der = der;
    blk->der_len = der_len;
    *pos = next_line(text, len, elab + label_len + 5);
    return 0;
}

void gmtls_pem_block_free(gmtls_pem_block *blk)
{
    if (!blk)
        return;
    if (blk->der) {
        gmtls_wipe(blk->der, blk->der_len);
        free(blk->der);
    }
    blk->der = NULL;
    blk->der_len = 0;
}

/* "-----BEGIN label-----\n" or "-----END label-----\n" (what is BEGIN or END) at p; its length. */
static size_t put_boundary(char *p, const char *what, const char *label, size_t ll)
{
    size_t wl = strlen(what);
    memcpy(p, what, wl);
    memcpy(p + wl, label, ll);
    memcpy(p + wl + ll, "-----\n", 6);
    return wl + ll + 6;
}

int gmtls_pem_encode(const char *label, const uint8_t *der, size_t len, char **out, size_t *out_len)
{
    *out = NULL;
    *out_len = 0;
    if (!label || !label_ok(label, strlen(label)) || (!der && len))
        return GMTLS_ERR_INVALID_ARG;
    size_t ll = strlen(label);
    if (len > (SIZE_MAX - 256) / 2)
        return GMTLS_ERR_BAD_LENGTH;
    size_t b64 = gmtls_base64_encoded_len(len);
    size_t lines = (b64 + 63) / 64;
    size_t total = (sizeof(BEGIN) - 1) + ll + 5 + 1 + b64 + lines + (sizeof(END) - 1) + ll + 5 + 1;
    char *p = malloc(total + 1);
    if (!p)
        return GMTLS_ERR_NO_MEMORY;
    size_t o = put_boundary(p, BEGIN, label, ll);
    /* 48 input bytes make one 64-character line (RFC 7468 2). */
    for (size_t i = 0; i < len; i += 48) {
        size_t n = len - i < 48 ? len - i : 48;
        gmtls_base64_encode(der + i, n, p + o);
        o += gmtls_base64_encoded_len(n);
        p[o++] = '\n';
    }
    o += put_boundary(p + o, END, label, ll);
    p[o] = '\0';
    *out = p;
    *out_len = o;
    return 0;
}

int gmtls_pem_find(const char *text, size_t len, const char *label, uint8_t **der, size_t *der_len)
{
    size_t pos = 0;
    *der = NULL;
    *der_len = 0;
    for (;;) {
        gmtls_pem_block blk;
        int e = gmtls_pem_next(text, len, &pos, &blk);
        if (e)
            return e;
        if (strcmp(blk.label, label) == 0) {
            *der = blk.der;
            *der_len = blk.der_len;
            return 0;
        }
        gmtls_pem_block_free(&blk);
    }
}
