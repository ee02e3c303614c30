/* SM2 curve arithmetic, the variable-time part of the template in sm2_point_impl.h (included from it,
 * inside its SM2_IMPL section, with the same field macros): additions that branch on public data,
 * wNAF recoding and the double multiplications a*G + b*P of signature verification. Only for public
 * inputs. Not a header of its own: it has no include guard and must not be included elsewhere. */
#ifndef SM2_IMPL
#error "sm2_point_vartime.h is part of the sm2_point_impl.h template"
#endif
/* ---- Variable time (public inputs only) ---- */

/* r = a + b; bz2, bz3 are b's Z^2 and Z^3 when the caller keeps them (or NULL). r may alias a,
 * not b. The sum goes straight into r (no copy of a just-written point); when a == b it is
 * replaced by the double of b, which is still intact. */
static void sm2_vadd_z(gmtls_sm2_point *r, const gmtls_sm2_point *a, const gmtls_sm2_point *b,
                       const gmtls_sm2_fe *bz2, const gmtls_sm2_fe *bz3)
{
    uint64_t same;
    if (sm2_fe_is_zero_impl(&a->Z)) {
        *r = *b;
        return;
    }
    if (sm2_fe_is_zero_impl(&b->Z)) {
        *r = *a;
        return;
    }
    sm2_padd_z(r, a, b, bz2, bz3, &same);
    if (same)
        sm2_pdbl(r, b);
}

static void sm2_vadd(gmtls_sm2_point *r, const gmtls_sm2_point *a, const gmtls_sm2_point *b)
{
    sm2_vadd_z(r, a, b, NULL, NULL);
}

static void sm2_vmadd(gmtls_sm2_point *r, const gmtls_sm2_point *a, const gmtls_sm2_affine *b)
{
    uint64_t same;
    if (sm2_fe_is_zero_impl(&a->Z)) {
        r->X = b->x;
        r->Y = b->y;
        r->Z = gmtls_sm2_fe_one_m;
        return;
    }
    sm2_pmadd(r, a, b, &same); /* straight into r, as in sm2_vadd_z */
    if (same) {
        gmtls_sm2_point bj;
        bj.X = b->x;
        bj.Y = b->y;
        bj.Z = gmtls_sm2_fe_one_m;
        sm2_pdbl(r, &bj);
    }
}

/* Width-w NAF of k < 2^256: digits odd in (-2^(w-1), 2^(w-1)) or 0, each non-zero digit followed
 * by at least w - 1 zeros; returns the digit count. Scans for the next bit that differs from the
 * pending carry and takes a whole window there (public scalars only: this branches on k). */
static int sm2_wnaf(int8_t out[258], const gmtls_sm2_scalar *k, unsigned w)
{
    uint64_t v[5] = {k->v[0], k->v[1], k->v[2], k->v[3], 0};
    unsigned pos = 0, carry = 0;
    int len = 0;
    memset(out, 0, 258);
    while (pos < 257) {
        if (((v[pos / 64] >> (pos % 64)) & 1) == carry) {
            pos++;
            continue;
        }
        int d = (int)sm2_window(v, pos, w) + (int)carry; /* odd */
        carry = (unsigned)(d >> (w - 1)) & 1;
        d -= (int)(carry << w);
        out[pos] = (int8_t)d;
        len = (int)pos + 1;
        pos += w;
    }
    return len;
}

#define SM2_VT_WP 5 /* window for P when no table is given: 1P, 3P, ..., 15P */

/* Co-Z addition (Meloni, "New point addition formulae for ECC applications", 2007): a and b have
 * the same Z. r = a + b, and *a_out = a again with r's Z, so that the next addition of a is co-Z
 * as well: 5M + 2S instead of 11M + 3S. Needs a != +-b (x coordinates differ). r and a_out must
 * not alias each other; either may alias a or b. */
static void sm2_zaddu(gmtls_sm2_point *r, gmtls_sm2_point *a_out, const gmtls_sm2_point *a, const gmtls_sm2_point *b)
{
    gmtls_sm2_fe dx, dy, c, d, w1, w2, a1, x3, y3, z3;
    fsub(&dx, &a->X, &b->X);
    fsub(&dy, &a->Y, &b->Y);
    SM2_FSQR(&c, &dx);
    SM2_FSQR(&d, &dy);
    SM2_FMUL(&z3, &a->Z, &dx);
    SM2_FMUL(&w1, &a->X, &c);
    SM2_FMUL(&w2, &b->X, &c);
    fsub(&a1, &w1, &w2);
    SM2_FMUL(&a1, &a->Y, &a1); /* Y1 (W1 - W2) */
    fsub(&x3, &d, &w1);
    fsub(&x3, &x3, &w2); /* D - W1 - W2 */
    fsub(&y3, &w1, &x3);
    SM2_FMUL(&y3, &dy, &y3);
    fsub(&y3, &y3, &a1); /* (Y1 - Y2)(W1 - X3) - A1 */
    a_out->X = w1;
    a_out->Y = a1;
    a_out->Z = z3;
    r->X = x3;
    r->Y = y3;
    r->Z = z3;
}

/* tbl[j] = (2j + 1) q for j < 2^(SM2_VT_WP - 2), q public and not infinity: 2q, then q rescaled to
 * the Z of 2q (2Y times its own), then a chain of co-Z additions of 2q. None is exceptional: a
 * co-Z sum 2q + (2j - 1) q with equal x would need (2j + 1) q or (2j - 3) q = 0, impossible
 * below the prime order n. */
static void sm2_vt_odd_multiples(gmtls_sm2_point *tbl, const gmtls_sm2_point *q)
{
    gmtls_sm2_point t;
    gmtls_sm2_fe l, l2, l3;
    sm2_pdbl(&t, q); /* Z(2q) = 2 Y Z: lambda = 2Y */
    fdbl(&l, &q->Y);
    SM2_FSQR(&l2, &l);
    SM2_FMUL(&l3, &l2, &l);
    SM2_FMUL(&tbl[0].X, &q->X, &l2);
    SM2_FMUL(&tbl[0].Y, &q->Y, &l3);
    tbl[0].Z = t.Z;
    for (unsigned j = 1; j < (1u << (SM2_VT_WP - 2)); j++)
        sm2_zaddu(&tbl[j], &t, &t, &tbl[j - 1]);
}

static void SM2_IMPL(mul_double_vartime)(gmtls_sm2_point *r, const gmtls_sm2_scalar *a, const gmtls_sm2_scalar *b,
                                         const gmtls_sm2_point *p)
{
    int8_t na[258], nb[258];
    gmtls_sm2_point tbl[1u << (SM2_VT_WP - 2)], acc;
    gmtls_sm2_fe tz2[1u << (SM2_VT_WP - 2)], tz3[1u << (SM2_VT_WP - 2)]; /* Z^2, Z^3 of each entry */
    int la = sm2_wnaf(na, a, GMTLS_SM2_BASE_WBITS), lb = 0, len;
    if (sm2_fe_is_zero_impl(&p->Z))
        memset(nb, 0, sizeof nb); /* P = infinity: a*G alone */
    else
        lb = sm2_wnaf(nb, b, SM2_VT_WP);
    len = la > lb ? la : lb;
    if (lb > 0)
        sm2_vt_odd_multiples(tbl, p);
    for (unsigned j = 0; lb > 0 && j < (1u << (SM2_VT_WP - 2)); j++) {
        SM2_FSQR(&tz2[j], &tbl[j].Z);
        SM2_FMUL(&tz3[j], &tz2[j], &tbl[j].Z);
    }
    acc.X = gmtls_sm2_fe_one_m;
    acc.Y = gmtls_sm2_fe_one_m;
    acc.Z = (gmtls_sm2_fe){{0, 0, 0, 0}};
    for (int i = len - 1; i >= 0; i--) {
        if (!sm2_fe_is_zero_impl(&acc.Z))
            sm2_pdbl(&acc, &acc);
        if (na[i] != 0) {
            gmtls_sm2_affine t = gmtls_sm2_base_table[0][(na[i] > 0 ? na[i] : -na[i]) - 1];
            if (na[i] < 0)
                fsub(&t.y, &sm2_fe_zero, &t.y);
            sm2_vmadd(&acc, &acc, &t);
        }
        if (nb[i] != 0) {
            unsigned e = (unsigned)((nb[i] > 0 ? nb[i] : -nb[i]) - 1) / 2;
            gmtls_sm2_point q = tbl[e];
            if (nb[i] < 0)
                fsub(&q.Y, &sm2_fe_zero, &q.Y);
            sm2_vadd_z(&acc, &acc, &q, &tz2[e], &tz3[e]);
        }
    }
    *r = acc;
}

/* Odd multiples (2i + 1) q, i < GMTLS_SM2_POINT_TABLE_SIZE, in affine form with one inversion for
 * all of them (Montgomery's trick). q is public and not infinity; no multiple below n is infinity. */
static void sm2_odd_multiples_affine(gmtls_sm2_fe *xs, gmtls_sm2_fe *ys, const gmtls_sm2_point *q)
{
    gmtls_sm2_point j[GMTLS_SM2_POINT_TABLE_SIZE], q2;
    gmtls_sm2_fe prod[GMTLS_SM2_POINT_TABLE_SIZE], inv, zi, zi2;
    j[0] = *q;
    sm2_pdbl(&q2, q);
    for (int i = 1; i < GMTLS_SM2_POINT_TABLE_SIZE; i++)
        sm2_vadd(&j[i], &j[i - 1], &q2);
    prod[0] = j[0].Z;
    for (int i = 1; i < GMTLS_SM2_POINT_TABLE_SIZE; i++)
        SM2_FMUL(&prod[i], &prod[i - 1], &j[i].Z);
    sm2_finv(&inv, &prod[GMTLS_SM2_POINT_TABLE_SIZE - 1]);
    for (int i = GMTLS_SM2_POINT_TABLE_SIZE - 1; i >= 0; i--) {
        if (i > 0) {
            SM2_FMUL(&zi, &inv, &prod[i - 1]); /* 1 / Z_i */
            SM2_FMUL(&inv, &inv, &j[i].Z);     /* 1 / (Z_0 ... Z_{i-1}) */
        } else {
            zi = inv;
        }
        SM2_FSQR(&zi2, &zi);
        SM2_FMUL(&xs[i], &j[i].X, &zi2);
        SM2_FMUL(&zi2, &zi2, &zi);
        SM2_FMUL(&ys[i], &j[i].Y, &zi2);
    }
}

static void SM2_IMPL(point_table_init)(gmtls_sm2_point_table *t, const gmtls_sm2_point *p)
{
    gmtls_sm2_point q;
    memset(t, 0, sizeof *t);
    if (sm2_fe_is_zero_impl(&p->Z)) {
        t->infinity = 1;
        return;
    }
    sm2_odd_multiples_affine(t->x[0], t->y[0], p);
    q = *p;
    for (int i = 0; i < GMTLS_SM2_POINT_TABLE_SPLIT; i++)
        sm2_pdbl(&q, &q);
    sm2_odd_multiples_affine(t->x[1], t->y[1], &q);
}

_Static_assert(GMTLS_SM2_POINT_TABLE_SPLIT % GMTLS_SM2_BASE_WBITS == 0 && GMTLS_SM2_POINT_TABLE_SPLIT == 126,
               "2^126 G must be a window of the fixed-base table");

/* s mod 2^126 and s >> 126 */
static void sm2_split126(gmtls_sm2_scalar *lo, gmtls_sm2_scalar *hi, const gmtls_sm2_scalar *s)
{
    lo->v[0] = s->v[0];
    lo->v[1] = s->v[1] & ((1ULL << 62) - 1);
    lo->v[2] = 0;
    lo->v[3] = 0;
    hi->v[0] = (s->v[1] >> 62) | (s->v[2] << 2);
    hi->v[1] = (s->v[2] >> 62) | (s->v[3] << 2);
    hi->v[2] = s->v[3] >> 62;
    hi->v[3] = 0;
}

/* a*G + b*P = a_lo G + a_hi (2^126 G) + b_lo P + b_hi (2^126 P): four wNAF-7 digit streams of at
 * most 131 digits share one chain of doublings. 2^126 G is window 18 of the fixed-base table. */
static void SM2_IMPL(mul_double_vartime_table)(gmtls_sm2_point *r, const gmtls_sm2_scalar *a,
                                               const gmtls_sm2_scalar *b, const gmtls_sm2_point_table *pt)
{
    int8_t naf[4][258];
    gmtls_sm2_scalar part[4];
    gmtls_sm2_point acc;
    int len = 0;
    sm2_split126(&part[0], &part[1], a);
    sm2_split126(&part[2], &part[3], b);
    for (int s = 0; s < 4; s++) {
        int l = (s >= 2 && pt->infinity) ? 0 : sm2_wnaf(naf[s], &part[s], 7);
        if (s >= 2 && pt->infinity)
            memset(naf[s], 0, sizeof naf[s]);
        if (l > len)
            len = l;
    }
    acc.X = gmtls_sm2_fe_one_m;
    acc.Y = gmtls_sm2_fe_one_m;
    acc.Z = (gmtls_sm2_fe){{0, 0, 0, 0}};
    for (int i = len - 1; i >= 0; i--) {
        if (!sm2_fe_is_zero_impl(&acc.Z))
            sm2_pdbl(&acc, &acc);
        for (int s = 0; s < 4; s++) {
            int d = naf[s][i];
            gmtls_sm2_affine t;
            if (d == 0)
                continue;
            int m = d > 0 ? d : -d;
            if (s < 2) {
                t = gmtls_sm2_base_table[s == 0 ? 0 : GMTLS_SM2_POINT_TABLE_SPLIT / GMTLS_SM2_BASE_WBITS][m - 1];
            } else {
                t.x = pt->x[s - 2][(m - 1) / 2];
                t.y = pt->y[s - 2][(m - 1) / 2];
            }
            if (d < 0)
                fsub(&t.y, &sm2_fe_zero, &t.y);
            sm2_vmadd(&acc, &acc, &t);
        }
    }
    *r = acc;
}
