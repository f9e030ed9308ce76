/*
 * gmp-reference.c — bench-only C reference for the SealedChain Paillier benchmark.
 *
 * Does Paillier and the Nasu et al. bitwise comparison *exactly as the paper writes it*
 * (seeds/nasu-b2b-homomorphic-quality-comparison.txt, Sec. VI, Tables I-V):
 *   - g = n + 1, public-key encryption C = g^m * r^n mod n^2          (eq. 3)
 *   - negation Enc(-m) = C^(n-1) mod n^2                                (eq. 5)
 *   - A computes Enc(z_i) = Enc(x_i - y_i +/- 1 + 3 * sum_{j>i} x_j^y_j) (eqs. 1, 2; Table III)
 *     for both signs, i.e. two vectors of k ciphertexts
 *   - B decrypts Enc(z_i) and looks for z_i = 0                          (Table IV)
 * Decryption uses the CRT form of eq. (4) (Paillier 1999, Sec. 7); the literal eq. (4)
 * (C^lambda mod n^2) is also timed as the operation "decrypt-lambda".
 * Bit order is LSB-first (index = bit weight); the paper's "j < i" counts from the MSB,
 * so with LSB-first indices the sum runs over the more significant positions j > i.
 *
 * Protocol: one command per line on stdin, one JSON object per line on stdout.
 *   key <p> <q>                    set the key (decimal primes); all implementations in a
 *                                  benchmark run use the same key
 *   op <name> <samples> <inner>    time <name> <samples> times, each the mean of <inner> calls
 *                                  names: encrypt, encrypt-owner-crt, decrypt, decrypt-lambda,
 *                                         add, negate, negate-inverse
 *   compare <X> <Y> <k> <both|first>
 *                                  full k-bit comparison: B's 3k public-key encryptions,
 *                                  A's two z vectors (k negations by C^(n-1)), B's decryptions
 *                                  of both vectors (2k) or of vector (1) only (k)
 *   quit
 * Randomness: gmp_randinit_default seeded with 32 bytes from /dev/urandom.
 * Build: cc -O2 -o gmp-reference gmp-reference.c -lgmp
 */
#include <gmp.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static gmp_randstate_t rng;
static int have_key = 0;
/* public */
static mpz_t n, n2, g, nm1;
/* private */
static mpz_t p, q, p2, q2, hp, hq, qinv_p, lambda, mu, en_p2, en_q2, p2inv_q2;
static mpz_t tmp1, tmp2, tmp3;

static uint64_t now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static void die(const char *msg) {
  printf("{\"type\":\"error\",\"message\":\"%s\"}\n", msg);
  fflush(stdout);
  exit(2);
}

static void seed_rng(void) {
  unsigned char buf[32];
  FILE *f = fopen("/dev/urandom", "rb");
  if (!f || fread(buf, 1, sizeof buf, f) != sizeof buf) die("cannot read /dev/urandom");
  fclose(f);
  mpz_t s;
  mpz_init(s);
  mpz_import(s, sizeof buf, 1, 1, 0, 0, buf);
  gmp_randinit_default(rng);
  gmp_randseed(rng, s);
  mpz_clear(s);
}

/* L(u) = (u - 1) / d */
static void L(mpz_t out, const mpz_t u, const mpz_t d) {
  mpz_sub_ui(out, u, 1);
  mpz_divexact(out, out, d);
}

static void set_key(const char *ps, const char *qs) {
  if (mpz_set_str(p, ps, 10) != 0 || mpz_set_str(q, qs, 10) != 0) die("bad p or q");
  mpz_mul(n, p, q);
  mpz_mul(n2, n, n);
  mpz_add_ui(g, n, 1);
  mpz_sub_ui(nm1, n, 1);
  mpz_mul(p2, p, p);
  mpz_mul(q2, q, q);
  /* h_p = L_p(g^(p-1) mod p^2)^-1 mod p */
  mpz_sub_ui(tmp1, p, 1);
  mpz_powm(tmp2, g, tmp1, p2);
  L(tmp2, tmp2, p);
  if (!mpz_invert(hp, tmp2, p)) die("h_p not invertible");
  mpz_sub_ui(tmp1, q, 1);
  mpz_powm(tmp2, g, tmp1, q2);
  L(tmp2, tmp2, q);
  if (!mpz_invert(hq, tmp2, q)) die("h_q not invertible");
  if (!mpz_invert(qinv_p, q, p)) die("q not invertible mod p");
  /* lambda = lcm(p-1, q-1), mu = L(g^lambda mod n^2)^-1 mod n  (eq. 4) */
  mpz_sub_ui(tmp1, p, 1);
  mpz_sub_ui(tmp2, q, 1);
  mpz_lcm(lambda, tmp1, tmp2);
  mpz_powm(tmp3, g, lambda, n2);
  L(tmp3, tmp3, n);
  if (!mpz_invert(mu, tmp3, n)) die("mu not invertible");
  /* owner encryption: r^n mod p^2 with n reduced mod phi(p^2) = p(p-1) */
  mpz_sub_ui(tmp1, p, 1);
  mpz_mul(tmp1, tmp1, p);
  mpz_mod(en_p2, n, tmp1);
  mpz_sub_ui(tmp1, q, 1);
  mpz_mul(tmp1, tmp1, q);
  mpz_mod(en_q2, n, tmp1);
  if (!mpz_invert(p2inv_q2, p2, q2)) die("p^2 not invertible mod q^2");
  have_key = 1;
}

/* r uniform in [1, n) with gcd(r, n) = 1 */
static void random_nonce(mpz_t r) {
  do {
    mpz_urandomm(r, rng, n);
    mpz_gcd(tmp1, r, n);
  } while (mpz_sgn(r) == 0 || mpz_cmp_ui(tmp1, 1) != 0);
}

/* eq. (3): C = g^m * r^n mod n^2, public key only */
static void encrypt(mpz_t c, const mpz_t m) {
  mpz_t r, gm;
  mpz_inits(r, gm, NULL);
  random_nonce(r);
  mpz_powm(gm, g, m, n2);
  mpz_powm(c, r, n, n2);
  mpz_mul(c, c, gm);
  mpz_mod(c, c, n2);
  mpz_clears(r, gm, NULL);
}

/* key owner: r^n mod n^2 by CRT over p^2, q^2; g^m = 1 + m n */
static void encrypt_owner_crt(mpz_t c, const mpz_t m) {
  mpz_t r, a, b;
  mpz_inits(r, a, b, NULL);
  random_nonce(r);
  mpz_powm(a, r, en_p2, p2);
  mpz_powm(b, r, en_q2, q2);
  /* x = a + p^2 * ((b - a) * (p^2)^-1 mod q^2) */
  mpz_sub(b, b, a);
  mpz_mul(b, b, p2inv_q2);
  mpz_mod(b, b, q2);
  mpz_mul(b, b, p2);
  mpz_add(a, a, b);
  mpz_mul(b, m, n);
  mpz_add_ui(b, b, 1);
  mpz_mul(c, a, b);
  mpz_mod(c, c, n2);
  mpz_clears(r, a, b, NULL);
}

/* CRT decryption (Paillier 1999, Sec. 7) */
static void decrypt(mpz_t m, const mpz_t c) {
  mpz_t mp, mq;
  mpz_inits(mp, mq, NULL);
  mpz_sub_ui(tmp1, p, 1);
  mpz_powm(mp, c, tmp1, p2);
  L(mp, mp, p);
  mpz_mul(mp, mp, hp);
  mpz_mod(mp, mp, p);
  mpz_sub_ui(tmp1, q, 1);
  mpz_powm(mq, c, tmp1, q2);
  L(mq, mq, q);
  mpz_mul(mq, mq, hq);
  mpz_mod(mq, mq, q);
  /* m = mq + q * ((mp - mq) * q^-1 mod p) */
  mpz_sub(m, mp, mq);
  mpz_mul(m, m, qinv_p);
  mpz_mod(m, m, p);
  mpz_mul(m, m, q);
  mpz_add(m, m, mq);
  mpz_clears(mp, mq, NULL);
}

/* eq. (4) literally: m = L(C^lambda mod n^2) * mu mod n */
static void decrypt_lambda(mpz_t m, const mpz_t c) {
  mpz_powm(m, c, lambda, n2);
  L(m, m, n);
  mpz_mul(m, m, mu);
  mpz_mod(m, m, n);
}

static void add(mpz_t c, const mpz_t a, const mpz_t b) {
  mpz_mul(c, a, b);
  mpz_mod(c, c, n2);
}

/* eq. (5): Enc(-m) = C^(n-1) mod n^2 */
static void negate(mpz_t out, const mpz_t c) { mpz_powm(out, c, nm1, n2); }

static void negate_inverse(mpz_t out, const mpz_t c) {
  if (!mpz_invert(out, c, n2)) die("ciphertext not invertible");
}

static void print_json_array(const char *key, const double *v, int count) {
  printf("\"%s\":[", key);
  for (int i = 0; i < count; i++) printf("%s%.1f", i ? "," : "", v[i]);
  printf("]");
}

static void cmd_op(const char *name, int samples, int inner) {
  if (samples < 1 || inner < 1 || samples > 100000 || inner > 10000000) die("bad op counts");
  mpz_t m, m2, c1, c2, out;
  mpz_inits(m, m2, c1, c2, out, NULL);
  mpz_urandomb(m, rng, 32);
  encrypt(c1, m);
  mpz_urandomb(m2, rng, 32);
  encrypt(c2, m2);
  double *v = malloc(sizeof(double) * (size_t)samples);
  int ok = 1;
  for (int s = 0; s < samples; s++) {
    uint64_t t0 = now_ns();
    for (int i = 0; i < inner; i++) {
      if (!strcmp(name, "encrypt")) encrypt(out, m);
      else if (!strcmp(name, "encrypt-owner-crt")) encrypt_owner_crt(out, m);
      else if (!strcmp(name, "decrypt")) decrypt(out, c1);
      else if (!strcmp(name, "decrypt-lambda")) decrypt_lambda(out, c1);
      else if (!strcmp(name, "add")) add(out, c1, c2);
      else if (!strcmp(name, "negate")) negate(out, c1);
      else if (!strcmp(name, "negate-inverse")) negate_inverse(out, c1);
      else die("unknown op");
    }
    v[s] = (double)(now_ns() - t0) / inner;
  }
  /* sanity: the last result must decrypt to what the operation promises */
  mpz_t got, want;
  mpz_inits(got, want, NULL);
  if (!strcmp(name, "decrypt") || !strcmp(name, "decrypt-lambda")) mpz_set(got, out);
  else decrypt(got, out);
  if (!strcmp(name, "add")) mpz_add(want, m, m2);
  else if (!strcmp(name, "negate") || !strcmp(name, "negate-inverse")) mpz_sub(want, n, m);
  else mpz_set(want, m);
  ok = mpz_cmp(got, want) == 0;
  mpz_clears(got, want, NULL);
  printf("{\"type\":\"op\",\"op\":\"%s\",\"inner\":%d,\"correct\":%s,", name, inner, ok ? "true" : "false");
  print_json_array("nsPerOp", v, samples);
  printf("}\n");
  fflush(stdout);
  free(v);
  mpz_clears(m, m2, c1, c2, out, NULL);
}

static void cmd_compare(unsigned long X, unsigned long Y, int k, int both) {
  if (k < 1 || k > 63) die("k must be 1..63");
  mpz_t *ex = malloc(sizeof(mpz_t) * k), *ey = malloc(sizeof(mpz_t) * k),
        *exy = malloc(sizeof(mpz_t) * k), *z1 = malloc(sizeof(mpz_t) * k),
        *z2 = malloc(sizeof(mpz_t) * k);
  for (int i = 0; i < k; i++) mpz_inits(ex[i], ey[i], exy[i], z1[i], z2[i], NULL);
  mpz_t bit, s, t, encOne, encMinusOne, dm;
  mpz_inits(bit, s, t, encOne, encMinusOne, dm, NULL);
  mpz_set(encOne, g);
  negate(encMinusOne, encOne);

  /* B, Table I: encrypt x_i, y_i and x_i xor y_i with the public key (3k encryptions) */
  uint64_t t0 = now_ns();
  for (int i = 0; i < k; i++) {
    unsigned long xi = (X >> i) & 1ul, yi = (Y >> i) & 1ul;
    mpz_set_ui(bit, xi);
    encrypt(ex[i], bit);
    mpz_set_ui(bit, yi);
    encrypt(ey[i], bit);
    mpz_set_ui(bit, xi ^ yi);
    encrypt(exy[i], bit);
  }
  uint64_t t1 = now_ns();

  /* A, Table III: from the most significant bit, Enc(z_i) = Enc(x_i) Enc(-y_i) Enc(+/-1) Enc(sum)^3.
     Enc(+1) is g itself (the trivial encryption g^1); Enc(-1) = g^(n-1) by eq. (5) is a public
     constant of the key, computed before the clock starts (as the TypeScript drivers do). */
  mpz_set_ui(s, 1); /* Enc(0): running product of Enc(x_j xor y_j) over j > i */
  for (int i = k - 1; i >= 0; i--) {
    negate(t, ey[i]);             /* Enc(-y_i) = Enc(y_i)^(n-1)      */
    add(t, t, ex[i]);             /* Enc(x_i - y_i)                   */
    mpz_powm_ui(dm, s, 3, n2);    /* Enc(3 sum_{j>i} x_j xor y_j)     */
    add(t, t, dm);
    add(z1[i], t, encOne);        /* eq. (1): zero only if X < Y      */
    add(z2[i], t, encMinusOne);   /* eq. (2): zero only if X > Y      */
    add(s, s, exy[i]);
  }
  uint64_t t2 = now_ns();

  /* B, Table IV: decrypt Enc(z_i) and search for z_i = 0 (no early exit) */
  int found = -1, rel = 0, decs = 0;
  for (int i = k - 1; i >= 0; i--) {
    decrypt(dm, z1[i]);
    decs++;
    if (mpz_sgn(dm) == 0 && found < 0) { found = i; rel = -1; }
    if (both) {
      decrypt(dm, z2[i]);
      decs++;
      if (mpz_sgn(dm) == 0 && found < 0) { found = i; rel = 1; }
    } else if (mpz_cmp_ui(dm, 2) == 0 && found < 0) {
      /* z2_i = z1_i - 2, so vector (1) alone determines vector (2) */
      found = i; rel = 1;
    }
  }
  uint64_t t3 = now_ns();

  printf("{\"type\":\"compare\",\"bits\":%d,\"relation\":\"%s\",\"index\":%d,"
         "\"encryptions\":%d,\"negations\":%d,\"decryptions\":%d,"
         "\"ns\":{\"encrypt\":%" PRIu64 ",\"compute\":%" PRIu64 ",\"decrypt\":%" PRIu64 ",\"total\":%" PRIu64 "}}\n",
         k, rel < 0 ? "lt" : rel > 0 ? "gt" : "eq", found, 3 * k, k, decs, t1 - t0, t2 - t1, t3 - t2,
         t3 - t0);
  fflush(stdout);
  for (int i = 0; i < k; i++) mpz_clears(ex[i], ey[i], exy[i], z1[i], z2[i], NULL);
  free(ex); free(ey); free(exy); free(z1); free(z2);
  mpz_clears(bit, s, t, encOne, encMinusOne, dm, NULL);
}

int main(void) {
  mpz_inits(n, n2, g, nm1, p, q, p2, q2, hp, hq, qinv_p, lambda, mu, en_p2, en_q2, p2inv_q2, tmp1, tmp2,
            tmp3, NULL);
  seed_rng();
  printf("{\"type\":\"ready\",\"gmp\":\"%s\"}\n", gmp_version);
  fflush(stdout);
  static char line[1 << 16];
  while (fgets(line, sizeof line, stdin)) {
    char cmd[32] = {0}, a[8192] = {0}, b[8192] = {0};
    if (sscanf(line, "%31s", cmd) != 1) continue;
    if (!strcmp(cmd, "quit")) break;
    if (!strcmp(cmd, "key")) {
      if (sscanf(line, "%*s %8191s %8191s", a, b) != 2) die("usage: key <p> <q>");
      set_key(a, b);
      printf("{\"type\":\"key\",\"bits\":%zu}\n", mpz_sizeinbase(n, 2));
      fflush(stdout);
      continue;
    }
    if (!have_key) die("send 'key <p> <q>' first");
    if (!strcmp(cmd, "op")) {
      char name[64];
      int samples, inner;
      if (sscanf(line, "%*s %63s %d %d", name, &samples, &inner) != 3) die("usage: op <name> <samples> <inner>");
      cmd_op(name, samples, inner);
    } else if (!strcmp(cmd, "compare")) {
      unsigned long X, Y;
      int k;
      char mode[16];
      if (sscanf(line, "%*s %lu %lu %d %15s", &X, &Y, &k, mode) != 4) die("usage: compare <X> <Y> <k> <both|first>");
      cmd_compare(X, Y, k, strcmp(mode, "first") != 0);
    } else {
      die("unknown command");
    }
  }
  return 0;
}
