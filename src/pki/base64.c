/* Base64 (RFC 4648 4) in constant time: each character is mapped by arithmetic on range masks
 * instead of a table, so neither memory addresses nor branches depend on secret key bytes. Only
 * the overall validity of the input (and where whitespace is, which is layout, not data) decides
 * branches. */
#include "pki/base64.h"

#include "core/ct.h"
#include "gmtls/error.h"

size_t gmtls_base64_encoded_len(size_t n)
{
    return (n + 2) / 3 * 4;
}

/* Mask of lo <= c <= hi. */
static uint32_t in_range(uint32_t c, uint32_t lo, uint32_t hi)
{
    return gmtls_ct_ge32(c, lo) & ~gmtls_ct_lt32(hi, c);
}

/* 6-bit value -> alphabet character. */
static char enc_char(uint32_t v)
{
    uint32_t c = v + 'A';
    c = gmtls_ct_select32(in_range(v, 26, 51), v - 26 + 'a', c);
    c = gmtls_ct_select32(in_range(v, 52, 61), v - 52 + '0', c);
    c = gmtls_ct_select32(gmtls_ct_eq32(v, 62), '+', c);
    c = gmtls_ct_select32(gmtls_ct_eq32(v, 63), '/', c);
    return (char)c;
}

void gmtls_base64_encode(const uint8_t *in, size_t n, char *out)
{
    size_t i = 0, o = 0;
    for (; i + 3 <= n; i += 3) {
        uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 | in[i + 2];
        out[o++] = enc_char(v >> 18);
        out[o++] = enc_char((v >> 12) & 63);
        out[o++] = enc_char((v >> 6) & 63);
        out[o++] = enc_char(v & 63);
    }
    if (n - i == 1) {
        uint32_t v = (uint32_t)in[i] << 16;
        out[o++] = enc_char(v >> 18);
        out[o++] = enc_char((v >> 12) & 63);
        out[o++] = '=';
        out[o++] = '=';
    } else if (n - i == 2) {
        uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8;
        out[o++] = enc_char(v >> 18);
        out[o++] = enc_char((v >> 12) & 63);
        out[o++] = enc_char((v >> 6) & 63);
        out[o++] = '=';
    }
}

/* Alphabet character -> 6-bit value, or 0xffffffff (all ones) for anything else. */
static uint32_t dec_char(uint32_t c)
{
    uint32_t v = 0xffffffffu;
    v = gmtls_ct_select32(in_range(c, 'A', 'Z'), c - 'A', v);
    v = gmtls_ct_select32(in_range(c, 'a', 'z'), c - 'a' + 26, v);
    v = gmtls_ct_select32(in_range(c, '0', '9'), c - '0' + 52, v);
    v = gmtls_ct_select32(gmtls_ct_eq32(c, '+'), 62, v);
    v = gmtls_ct_select32(gmtls_ct_eq32(c, '/'), 63, v);
    return v;
}

static int is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

int gmtls_base64_decode(const char *in, size_t n, int skip_ws, uint8_t *out, size_t cap, size_t *out_len)
{
    uint32_t bad = 0;    /* becomes non-zero (all ones in some bits) on an invalid character */
    uint32_t acc = 0;    /* pending bits */
    unsigned nacc = 0;   /* characters in acc (0..3) */
    size_t pad = 0;      /* '=' seen */
    size_t o = 0;
    *out_len = 0;
    for (size_t i = 0; i < n; i++) {
        char ch = in[i];
        if (skip_ws && is_ws(ch))
            continue;
        if (ch == '=') {
            pad++;
            continue;
        }
        /* data after padding */
        if (pad)
            return GMTLS_ERR_BASE64;
        uint32_t v = dec_char((uint8_t)ch);
        bad |= v & 0xffffffc0u;
        acc = (acc << 6) | (v & 63);
        if (++nacc == 4) {
            if (cap - o < 3)
                return GMTLS_ERR_BASE64;
            out[o++] = (uint8_t)(acc >> 16);
            out[o++] = (uint8_t)(acc >> 8);
            out[o++] = (uint8_t)acc;
            acc = 0;
            nacc = 0;
        }
    }
    /* RFC 4648 3.2, 4: the final quantum has 2 or 3 characters with "==" or "=" (4 - nacc pads). */
    if (bad != 0 || (nacc == 0 && pad != 0) || nacc == 1 || (nacc != 0 && pad != 4 - nacc))
        return GMTLS_ERR_BASE64;
    if (nacc == 2) {
        if (cap - o < 1 || (acc & 0xf) != 0) /* RFC 4648 3.5: pad bits are zero */
            return GMTLS_ERR_BASE64;
        out[o++] = (uint8_t)(acc >> 4);
    } else if (nacc == 3) {
        if (cap - o < 2 || (acc & 0x3) != 0)
            return GMTLS_ERR_BASE64;
        out[o++] = (uint8_t)(acc >> 10);
        out[o++] = (uint8_t)(acc >> 2);
    }
    *out_len = o;
    return 0;
}
