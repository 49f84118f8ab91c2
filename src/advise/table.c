/* A string-keyed table for the rules: open addressing, doubled at half full. */
#include "rules.h"

#include <stdlib.h>
#include <string.h>

#include "core/util.h"

static size_t hash(const char *s)
{
	size_t h = 1469598103934665603ull; /* FNV-1a */

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static struct adv_slot *slot_of(const struct adv_table *t, const char *key)
{
	size_t i = hash(key) & (t->cap - 1);

	while (t->slots[i].key && strcmp(t->slots[i].key, key) != 0)
		i = (i + 1) & (t->cap - 1);
	return &t->slots[i];
}

static void grow(struct adv_table *t)
{
	struct adv_table bigger = { .cap = t->cap ? 2 * t->cap : 64, .n = t->n };

	bigger.slots = sg_xcalloc(bigger.cap, sizeof(*bigger.slots));
	for (size_t i = 0; i < t->cap; i++)
		if (t->slots[i].key)
			*slot_of(&bigger, t->slots[i].key) = t->slots[i];
	free(t->slots);
	*t = bigger;
}

void *adv_table_find(const struct adv_table *t, const char *key)
{
	return t->cap ? slot_of(t, key)->data : NULL;
}

void *adv_table_get(struct adv_table *t, const char *key, size_t size)
{
	if (2 * (t->n + 1) > t->cap)
		grow(t);
	struct adv_slot *s = slot_of(t, key);
	if (!s->key) {
		s->key = sg_xstrdup(key);
		s->data = sg_xcalloc(1, size);
		t->n++;
	}
	return s->data;
}

void adv_table_each(struct adv_table *t, void (*f)(void *ctx, const char *key, void *data),
		    void *ctx)
{
	for (size_t i = 0; i < t->cap; i++)
		if (t->slots[i].key)
			f(ctx, t->slots[i].key, t->slots[i].data);
}

void adv_table_free(struct adv_table *t)
{
	for (size_t i = 0; i < t->cap; i++) {
		free(t->slots[i].key);
		free(t->slots[i].data);
	}
	free(t->slots);
	memset(t, 0, sizeof(*t));
}
