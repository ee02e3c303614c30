/* Server identity checks (RFC 6125 6; RFC 5280 4.2.1.6 for the SAN types). */
#include <arpa/inet.h>
#include <string.h>

#include "gmtls/error.h"
#include "gmtls/x509.h"
#include "pki/der.h"
#include "pki/x509_internal.h"

size_t gmtls_ip_parse(const char *host, uint8_t out[16])
{
    char tmp[64];
    size_t n = strlen(host);
    if (n == 0 || n >= sizeof(tmp))
        return 0;
    if (host[0] == '[') {
        if (n < 3 || host[n - 1] != ']')
            return 0;
        memcpy(tmp, host + 1, n - 2);
        tmp[n - 2] = 0;
        return inet_pton(AF_INET6, tmp, out) == 1 ? 16 : 0;
    }
    memcpy(tmp, host, n + 1);
    if (inet_pton(AF_INET, tmp, out) == 1)
        return 4;
    if (inet_pton(AF_INET6, tmp, out) == 1)
        return 16;
    return 0;
}

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int eq_nocase(const uint8_t *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (lower(a[i]) != lower((unsigned char)b[i]))
            return 0;
    return 1;
}

/* Labels non-empty, at least `min` of them, and only printable ASCII without '*'. */
static int labels_ok(const uint8_t *p, size_t n, size_t min)
{
    size_t labels = 1, cur = 0;
    if (n == 0)
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] <= 0x20 || p[i] >= 0x7f || p[i] == '*')
            return 0;
        if (p[i] == '.') {
            if (cur == 0)
                return 0;
            labels++;
            cur = 0;
        } else {
            cur++;
        }
    }
    return cur > 0 && labels >= min;
}

int gmtls_hostname_match(const uint8_t *pattern, size_t plen, const char *host, size_t hlen)
{
    /* An absolute name's trailing dot is not part of the comparison. */
    if (plen > 0 && pattern[plen - 1] == '.')
        plen--;
    if (hlen > 0 && host[hlen - 1] == '.')
        hlen--;
    if (!labels_ok((const uint8_t *)host, hlen, 1))
        return 0;
    if (plen >= 2 && pattern[0] == '*' && pattern[1] == '.') {
        /* RFC 6125 6.4.3: the wildcard is the whole left-most label and stands for exactly one
         * label; at least two labels must follow it, so "*.com" and "*" match nothing. */
        const uint8_t *rest = pattern + 2;
        size_t rlen = plen - 2;
        if (!labels_ok(rest, rlen, 2))
            return 0;
        const char *dot = memchr(host, '.', hlen);
        if (!dot || dot == host)
            return 0;
        size_t hrest = hlen - (size_t)(dot + 1 - host);
        return hrest == rlen && eq_nocase(rest, dot + 1, rlen);
    }
    /* Any other '*' (partial-label or non-left-most wildcards) is refused. */
    if (!labels_ok(pattern, plen, 1))
        return 0;
    return plen == hlen && eq_nocase(pattern, host, hlen);
}

int gmtls_cert_check_host(const gmtls_cert *c, const char *host)
{
    if (!c || !host)
        return GMTLS_ERR_INVALID_ARG;
    size_t hlen = strlen(host);
    uint8_t ip[16];
    size_t iplen = gmtls_ip_parse(host, ip);
    int has_san = (c->ext_seen & GMTLS_X509_EXT_SAN) != 0;
    if (has_san) {
        gmtls_der d;
        gmtls_der_init(&d, c->san.p, c->san.len);
        while (!gmtls_der_at_end(&d)) {
            int type;
            const uint8_t *v;
            size_t l;
            if (gmtls_x509_general_name(&d, 0, &type, &v, &l) != 0)
                break;
            if (iplen && type == GMTLS_GN_IP && l == iplen && memcmp(v, ip, l) == 0)
                return 0;
            if (!iplen && type == GMTLS_GN_DNS && gmtls_hostname_match(v, l, host, hlen))
                return 0;
        }
        return GMTLS_ERR_CERT_NAME_MISMATCH;
    }
    /* RFC 6125 6.4.4: the CN only when there is no subjectAltName at all, and never for IPs. */
    if (iplen)
        return GMTLS_ERR_CERT_NAME_MISMATCH;
    const uint8_t *cn;
    size_t cn_len;
    uint8_t tag;
    if (gmtls_name_find_cn(c->subject.p, c->subject.len, &cn, &cn_len, &tag) != 0)
        return GMTLS_ERR_CERT_NAME_MISMATCH;
    if (tag != GMTLS_DER_UTF8_STRING && tag != GMTLS_DER_PRINTABLE_STRING && tag != GMTLS_DER_IA5_STRING &&
        tag != GMTLS_DER_T61_STRING)
        return GMTLS_ERR_CERT_NAME_MISMATCH;
    return gmtls_hostname_match(cn, cn_len, host, hlen) ? 0 : GMTLS_ERR_CERT_NAME_MISMATCH;
}
