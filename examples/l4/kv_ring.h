/* The key-value split service's shared window (examples/l4/kv_server.c, kv_client.c): two
 * single-producer single-consumer rings of fixed slots. The guest produces requests and consumes
 * responses; the task the other way round. Each side writes only its own index words (head of the
 * ring it produces, tail of the one it consumes) and the slots it owns, never the other's bytes. */
#ifndef KV_RING_H
#define KV_RING_H

#include <stdint.h>
#include <string.h>

#define KV_SLOTS 16
#define KV_KEY 60
#define KV_VAL 184

enum kv_op { KV_PUT = 1, KV_GET = 2, KV_DEL = 3, KV_COUNT = 4 };
enum kv_status { KV_OK = 0, KV_NOT_FOUND = 1, KV_FULL = 2, KV_BAD = 3 };

struct kv_slot {
  uint32_t op;      /* request: kv_op; response: kv_status */
  uint32_t value_n; /* COUNT's answer */
  char key[KV_KEY];
  char val[KV_VAL];
};

struct kv_ring {
  volatile uint32_t head; /* written by the producer */
  uint32_t pad0[15];
  volatile uint32_t tail; /* written by the consumer */
  uint32_t pad1[15];
  struct kv_slot slot[KV_SLOTS];
};

struct kv_window {
  struct kv_ring req; /* guest -> task */
  struct kv_ring rsp; /* task -> guest */
};

/* The store itself: the same code serves in the task and, for comparison, in-process. */
#define KV_MAX 256
struct kv_store {
  int n;
  char key[KV_MAX][KV_KEY];
  char val[KV_MAX][KV_VAL];
};

static int kv_find(struct kv_store *s, const char *k) {
  for (int i = 0; i < s->n; i++) if (!strncmp(s->key[i], k, KV_KEY)) return i;
  return -1;
}

/* Applies one request: fills `out` with the response. */
static void kv_apply(struct kv_store *s, const struct kv_slot *in, struct kv_slot *out) {
  int i = kv_find(s, in->key);
  memset(out, 0, sizeof *out);
  memcpy(out->key, in->key, KV_KEY);
  out->key[KV_KEY - 1] = 0;
  switch (in->op) {
  case KV_PUT:
    if (i < 0) {
      if (s->n == KV_MAX) { out->op = KV_FULL; return; }
      i = s->n++;
      memcpy(s->key[i], in->key, KV_KEY);
      s->key[i][KV_KEY - 1] = 0;
    }
    memcpy(s->val[i], in->val, KV_VAL);
    s->val[i][KV_VAL - 1] = 0;
    out->op = KV_OK;
    return;
  case KV_GET:
    if (i < 0) { out->op = KV_NOT_FOUND; return; }
    memcpy(out->val, s->val[i], KV_VAL);
    out->op = KV_OK;
    return;
  case KV_DEL:
    if (i < 0) { out->op = KV_NOT_FOUND; return; }
    s->n--;
    memcpy(s->key[i], s->key[s->n], KV_KEY);
    memcpy(s->val[i], s->val[s->n], KV_VAL);
    out->op = KV_OK;
    return;
  case KV_COUNT:
    out->value_n = (uint32_t)s->n;
    out->op = KV_OK;
    return;
  default:
    out->op = KV_BAD;
  }
}

#endif
