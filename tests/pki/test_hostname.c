/* RFC 6125 host name matching: a table of (pattern, host, expected), IP parsing, and the
 * certificate-level rules (SAN before CN, IPs only against iPAddress SANs). */
#include <stdlib.h>
#include <string.h>

#include "gmtls/x509.h"
#include "pki/x509_internal.h"
#include "pki_test_util.h"
#include "test.h"

static const struct {
    const char *pattern;
    const char *host;
    int match;
} table[] = {
    {"example.com", "example.com", 1},
    {"example.com", "EXAMPLE.COM", 1},
    {"Example.Com", "example.com", 1},
    {"example.com", "example.com.", 1},
    {"example.com.", "example.com", 1},
    {"example.com", "www.example.com", 0},
    {"www.example.com", "example.com", 0},
    {"example.com", "example.co", 0},
    {"example.com", "xexample.com", 0},
    {"localhost", "localhost", 1},
    {"*.example.com", "www.example.com", 1},
    {"*.example.com", "WWW.Example.COM", 1},
    {"*.example.com", "a.b.example.com", 0},   /* exactly one label */
    {"*.example.com", "example.com", 0},       /* not the bare domain */
    {"*.example.com", ".example.com", 0},      /* not an empty label */
    {"*.example.com", "www.example.org", 0},
    {"*.*.example.com", "a.b.example.com", 0}, /* one wildcard, left-most only */
    {"*.*.example.com", "*.b.example.com", 0},
    {"*", "localhost", 0},                     /* a lone wildcard matches nothing */
    {"*", "*", 0},
    {"*.com", "example.com", 0},               /* at least two labels after the wildcard */
    {"*.", "example.", 0},
    {"f*o.example.com", "foo.example.com", 0}, /* partial-label wildcards are refused */
    {"f*.example.com", "foo.example.com", 0},
    {"*o.example.com", "foo.example.com", 0},
    {"www.*.com", "www.example.com", 0},       /* not left-most */
    {"*.example.com", "*.example.com", 0},     /* a host containing '*' matches nothing */
    {"www.example.com", "www..example.com", 0},
    {"", "example.com", 0},
    {"example.com", "", 0},
    {"*.10.1.2", "3.10.1.2", 1},               /* as DNS names only; IPs never get here */
    {"xn--bcher-kva.example", "XN--BCHER-KVA.example", 1},
    {"*.xn--bcher-kva.example", "a.xn--bcher-kva.example", 1},
};

static void test_table(void)
{
    for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
        int got = gmtls_hostname_match((const uint8_t *)table[i].pattern, strlen(table[i].pattern), table[i].host,
                                       strlen(table[i].host));
        CHECK_MSG(got == table[i].match, "pattern '%s' host '%s': got %d want %d", table[i].pattern, table[i].host,
                  got, table[i].match);
    }
    /* A NUL inside a presented name never matches (an old certificate-spoofing trick). */
    static const uint8_t nul[] = {'w', 'w', 'w', '.', 'a', '.', 'c', 'o', 'm', 0, '.', 'e', 'v', 'i', 'l'};
    CHECK_EQ(gmtls_hostname_match(nul, sizeof(nul), "www.a.com", 9), 0);
}

static void test_ip_parse(void)
{
    uint8_t ip[16];
    static const uint8_t v4[4] = {10, 1, 2, 3};
    static const uint8_t v6[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    CHECK_EQ(gmtls_ip_parse("10.1.2.3", ip), 4);
    CHECK_MEM(ip, v4, 4);
    CHECK_EQ(gmtls_ip_parse("2001:db8::1", ip), 16);
    CHECK_MEM(ip, v6, 16);
    CHECK_EQ(gmtls_ip_parse("[2001:DB8:0:0::1]", ip), 16);
    CHECK_MEM(ip, v6, 16);
    CHECK_EQ(gmtls_ip_parse("::ffff:10.1.2.3", ip), 16);
    CHECK_EQ(gmtls_ip_parse("10.1.2", ip), 0);
    CHECK_EQ(gmtls_ip_parse("10.1.2.256", ip), 0);
    CHECK_EQ(gmtls_ip_parse("example.com", ip), 0);
    CHECK_EQ(gmtls_ip_parse("[10.1.2.3]", ip), 0);
    CHECK_EQ(gmtls_ip_parse("[2001:db8::1", ip), 0);
    CHECK_EQ(gmtls_ip_parse("", ip), 0);
}

/* Certificates from the interop set: SAN DNS:localhost, CN localhost (server) or no SAN (client). */
static gmtls_cert *load(const char *rel)
{
    return pki_test_first_cert(test_shared_path(rel));
}

static void test_certs(void)
{
    gmtls_cert *srv = load("interop/pki/tongsuo/server_sign_cert.pem");
    gmtls_cert *cli = load("interop/pki/tongsuo/client_sign_cert.pem");
    if (srv) {
        CHECK_OK(gmtls_cert_check_host(srv, "localhost"));
        CHECK_OK(gmtls_cert_check_host(srv, "LocalHost."));
        CHECK_ERR(gmtls_cert_check_host(srv, "127.0.0.1"), GMTLS_ERR_CERT_NAME_MISMATCH);
        CHECK_ERR(gmtls_cert_check_host(srv, "::1"), GMTLS_ERR_CERT_NAME_MISMATCH);
        CHECK_ERR(gmtls_cert_check_host(srv, "localhost.localdomain"), GMTLS_ERR_CERT_NAME_MISMATCH);
        CHECK_ERR(gmtls_cert_check_host(srv, ""), GMTLS_ERR_CERT_NAME_MISMATCH);
        CHECK_ERR(gmtls_cert_check_host(srv, NULL), GMTLS_ERR_INVALID_ARG);
    }
    if (cli) {
        /* No SAN: the CN "Tongsuo Interop Client" is compared as a DNS name (and has spaces). */
        CHECK_ERR(gmtls_cert_check_host(cli, "Tongsuo Interop Client"), GMTLS_ERR_CERT_NAME_MISMATCH);
        CHECK_ERR(gmtls_cert_check_host(cli, "localhost"), GMTLS_ERR_CERT_NAME_MISMATCH);
    }
    gmtls_cert_free(srv);
    gmtls_cert_free(cli);
}

int main(void)
{
    test_table();
    test_ip_parse();
    test_certs();
    return test_report();
}
