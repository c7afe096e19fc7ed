/* fuzz-message.c: the request and reply header (docs/ARCHITECTURE.md §2) and what a reply
 * may hand over, from arbitrary bytes. The input is read twice: as an untrusted a{sv}
 * header, checked against every role, and as (a{sv}a{sv}u), a request, its reply and the
 * number of fds the reply came with, for vitrine_message_check_handover().
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-fuzz.h"
#include "vitrine-message.h"
#include "vitrine-pixel-header.h"

static void
check_header (GVariant *variant)
{
  g_auto(VitrineMessageHeader) header = { 0 };
  g_autoptr(GError) error = NULL;

  if (!vitrine_message_header_parse (variant, &header, &error))
    {
      g_assert_true (error->domain == VITRINE_MESSAGE_ERROR);
      g_assert_null (header.correlation_id);
      g_assert_null (header.worker_type);
      return;
    }
  g_assert_cmpuint (header.version, ==, VITRINE_PROTOCOL_VERSION);
  g_assert_nonnull (header.correlation_id);
  g_assert_nonnull (header.worker_type);
  g_assert_true (g_utf8_validate (header.correlation_id, -1, NULL));
  g_assert_true (g_utf8_validate (header.worker_type, -1, NULL));

  for (VitrineWorkerRoleId role = 0; role < VITRINE_WORKER_N_ROLES; role++)
    {
      g_autoptr(GError) mismatch = NULL;
      gboolean ok = vitrine_message_check_reply (&header, role, header.seq_no, &mismatch);

      g_assert_cmpint (ok, ==, g_str_equal (header.worker_type, vitrine_worker_role_to_string (role)));
      g_assert_false (vitrine_message_check_reply (&header, role, header.seq_no + 1, NULL));
    }

  /* A reply built from what was accepted parses back to the same identity. */
  {
    g_autoptr(GVariant) reply = g_variant_ref_sink (vitrine_message_header_reply (&header, 0));
    g_auto(VitrineMessageHeader) again = { 0 };

    g_assert_true (vitrine_message_header_parse (reply, &again, NULL));
    g_assert_cmpuint (again.seq_no, ==, header.seq_no);
    g_assert_cmpuint (again.generation, ==, header.generation);
    g_assert_cmpstr (again.correlation_id, ==, header.correlation_id);
    g_assert_cmpstr (again.worker_type, ==, header.worker_type);
  }
}

static void
check_handover (GVariant *exchange)
{
  g_autoptr(GVariant) request = g_variant_get_child_value (exchange, 0);
  g_autoptr(GVariant) reply = g_variant_get_child_value (exchange, 1);
  g_autoptr(GError) error = NULL;
  const char *kind = NULL;
  guint32 n_fds;

  g_variant_get_child (exchange, 2, "u", &n_fds);
  g_variant_lookup (request, "kind", "&s", &kind);
  if (vitrine_message_check_handover (request, reply, n_fds, &error))
    g_assert_cmpuint (n_fds, <=, vitrine_message_expected_fds (kind));
  else
    g_assert_true (error->domain == VITRINE_MESSAGE_ERROR || error->domain == VITRINE_PIXEL_ERROR);

  /* The same exchange with no fds at all must never name a valid index. */
  g_clear_error (&error);
  if (vitrine_message_check_handover (request, reply, 0, &error))
    {
      gint32 index;

      g_assert_false (g_variant_lookup (reply, "fd", "i", &index));
      g_assert_false (g_variant_lookup (reply, "ring", "i", &index));
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GVariant) header = NULL, normal = NULL, exchange = NULL;

  vitrine_fuzz_init ();

  header = vitrine_fuzz_variant (data, size, G_VARIANT_TYPE_VARDICT);
  check_header (header);
  normal = g_variant_get_normal_form (header);
  check_header (normal);

  exchange = vitrine_fuzz_variant (data, size, G_VARIANT_TYPE ("(a{sv}a{sv}u)"));
  check_handover (exchange);
  g_clear_pointer (&exchange, g_variant_unref);
  {
    g_autoptr(GVariant) raw = vitrine_fuzz_variant (data, size, G_VARIANT_TYPE ("(a{sv}a{sv}u)"));

    exchange = g_variant_get_normal_form (raw);
    check_handover (exchange);
  }

  return 0;
}
