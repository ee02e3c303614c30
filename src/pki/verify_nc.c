/* Name constraints (RFC 5280 4.2.1.10, 6.1.4 (g), 6.1.3 (b)-(c)) for dNSName, iPAddress,
 * rfc822Name and directoryName. Other name forms in a constraint are ignored (gmtls only issues
 * and checks those four); this is the documented limit of the implementation. */
#include <string.h>

#include "gmtls/error.h"
#include "gmtls/x509.h"
#include "pki/der.h"
#include "pki/x509_internal.h"

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int eq_nocase(const uint8_t *a, const uint8_t *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (lower(a[i]) != lower(b[i]))
            return 0;
    return 1;
}

/* dNSName: "example.com" matches itself and every name below it; ".example.com" only the names
 * below it; an empty constraint matches everything. */
static int dns_within(const uint8_t *name, size_t nlen, const uint8_t *base, size_t blen)
{
    if (nlen > 0 && name[nlen - 1] == '.')
        nlen--;
    if (blen > 0 && base[blen - 1] == '.')
        blen--;
    if (blen == 0)
        return 1;
    if (base[0] == '.')
        return nlen > blen && eq_nocase(name + nlen - blen, base, blen);
    if (nlen == blen)
        return eq_nocase(name, base, blen);
    return nlen > blen && name[nlen - blen - 1] == '.' && eq_nocase(name + nlen - blen, base, blen);
}

/* rfc822Name: "user@host" one mailbox, "host" every mailbox at host, ".host" every mailbox in a
 * domain below host. */
static int email_within(const uint8_t *name, size_t nlen, const uint8_t *base, size_t blen)
{
    const uint8_t *at = memchr(name, '@', nlen);
    if (!at)
        return 0;
    if (memchr(base, '@', blen))
        return nlen == blen && eq_nocase(name, base, blen);
    const uint8_t *host = at + 1;
    size_t hlen = nlen - (size_t)(host - name);
    if (blen > 0 && base[0] == '.')
        return hlen > blen && eq_nocase(host + hlen - blen, base, blen);
    return hlen == blen && eq_nocase(host, base, blen);
}

/* iPAddress: the constraint is address || mask (8 or 32 bytes). */
static int ip_within(const uint8_t *ip, size_t len, const uint8_t *base, size_t blen)
{
    if (blen != 2 * len)
        return 0;
    for (size_t i = 0; i < len; i++)
        if ((ip[i] & base[len + i]) != (base[i] & base[len + i]))
            return 0;
    return 1;
}

/* directoryName: the constraint's RDNs are the first RDNs of the subject. Both are sequences of
 * complete RDN encodings, so a byte prefix of the contents is an RDN prefix. */
static int dn_within(const uint8_t *name, size_t nlen, const uint8_t *base, size_t blen)
{
    gmtls_der a, b, ia, ib;
    gmtls_der_init(&a, name, nlen);
    gmtls_der_init(&b, base, blen);
    if (gmtls_der_enter(&a, GMTLS_DER_SEQUENCE, &ia) != 0 || gmtls_der_enter(&b, GMTLS_DER_SEQUENCE, &ib) != 0)
        return 0;
    size_t al = gmtls_reader_left(&ia.r), bl = gmtls_reader_left(&ib.r);
    return bl <= al && memcmp(gmtls_reader_ptr(&ia.r), gmtls_reader_ptr(&ib.r), bl) == 0;
}

static int within(int type, const uint8_t *v, size_t l, const uint8_t *bv, size_t bl)
{
    switch (type) {
    case GMTLS_GN_DNS: return dns_within(v, l, bv, bl);
    case GMTLS_GN_EMAIL: return email_within(v, l, bv, bl);
    case GMTLS_GN_IP: return ip_within(v, l, bv, bl);
    case GMTLS_GN_DIRNAME: return dn_within(v, l, bv, bl);
    default: return 1;
    }
}

/* For one name: 1 if some subtree of the same type matches, 0 if subtrees of that type exist and
 * none matches, -1 if there are no subtrees of that type. */
static int match_subtrees(const gmtls_slice *trees, int type, const uint8_t *v, size_t l)
{
    gmtls_der d;
    int seen = 0;
    gmtls_der_init(&d, trees->p, trees->len);
    while (!gmtls_der_at_end(&d)) {
        gmtls_der st;
        int t;
        const uint8_t *bv;
        size_t bl;
        if (gmtls_der_enter(&d, GMTLS_DER_SEQUENCE, &st) != 0 || gmtls_x509_general_name(&st, 1, &t, &bv, &bl) != 0)
            return 0; /* validated at parse time */
        if (t != type)
            continue;
        seen = 1;
        if (within(type, v, l, bv, bl))
            return 1;
    }
    return seen ? 0 : -1;
}

static int check_name(const struct gmtls_cert *ca, int type, const uint8_t *v, size_t l)
{
    if (type != GMTLS_GN_DNS && type != GMTLS_GN_EMAIL && type != GMTLS_GN_IP && type != GMTLS_GN_DIRNAME)
        return 0;
    if (ca->has_nc_excluded && match_subtrees(&ca->nc_excluded, type, v, l) == 1)
        return GMTLS_ERR_CERT_NAME_CONSTRAINTS;
    if (ca->has_nc_permitted && match_subtrees(&ca->nc_permitted, type, v, l) == 0)
        return GMTLS_ERR_CERT_NAME_CONSTRAINTS;
    return 0;
}

int gmtls_x509_check_name_constraints(const struct gmtls_cert *ca, const struct gmtls_cert *cert)
{
    int e;
    /* The subject DN (when not empty) is a directoryName (6.1.3 (b)). */
    if (cert->subject.len > 2 && (e = check_name(ca, GMTLS_GN_DIRNAME, cert->subject.p, cert->subject.len)) != 0)
        return e;
    if (cert->ext_seen & GMTLS_X509_EXT_SAN) {
        gmtls_der d;
        gmtls_der_init(&d, cert->san.p, cert->san.len);
        while (!gmtls_der_at_end(&d)) {
            int t;
            const uint8_t *v;
            size_t l;
            if (gmtls_x509_general_name(&d, 0, &t, &v, &l) != 0)
                return GMTLS_ERR_CERT_NAME_CONSTRAINTS;
            if ((e = check_name(ca, t, v, l)) != 0)
                return e;
        }
        return 0;
    }
    /* Without SANs, a CN that will be used as a host name (gmtls_cert_check_host) must obey the
     * DNS constraints too, or a constrained CA could still name any host. */
    const uint8_t *cn;
    size_t cn_len;
    uint8_t tag;
    if (gmtls_name_find_cn(cert->subject.p, cert->subject.len, &cn, &cn_len, &tag) == 0 && cn_len > 0 &&
        memchr(cn, '.', cn_len) && !memchr(cn, ' ', cn_len))
        return check_name(ca, GMTLS_GN_DNS, cn, cn_len);
    return 0;
}
