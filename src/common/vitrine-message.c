/* vitrine-message.c
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-message.h"
#include "vitrine-pixel-header.h"

G_DEFINE_QUARK (vitrine-message-error-quark, vitrine_message_error)

static const struct {
  const char *name;
  gsize       cap;   /* largest serialized message accepted from this role */
} roles[VITRINE_WORKER_N_ROLES] = {
  [VITRINE_WORKER_ROLE_IMAGE] = { "image", 64 * 1024 },
  [VITRINE_WORKER_ROLE_FEED] = { "feed", 4 * 1024 * 1024 },
  [VITRINE_WORKER_ROLE_AUDIO] = { "audio", 64 * 1024 },
  [VITRINE_WORKER_ROLE_TRANSITION] = { "transition", 1024 * 1024 },
};

const char *
vitrine_worker_role_to_string (VitrineWorkerRoleId role)
{
  g_return_val_if_fail (role < VITRINE_WORKER_N_ROLES, NULL);

  return roles[role].name;
}

gboolean
vitrine_worker_role_from_string (const char          *name,
                                 VitrineWorkerRoleId *role)
{
  g_return_val_if_fail (role != NULL, FALSE);

  for (guint i = 0; name != NULL && i < VITRINE_WORKER_N_ROLES; i++)
    {
      if (g_str_equal (name, roles[i].name))
        {
          *role = (VitrineWorkerRoleId) i;
          return TRUE;
        }
    }

  return FALSE;
}

gsize
vitrine_worker_role_message_cap (VitrineWorkerRoleId role)
{
  g_return_val_if_fail (role < VITRINE_WORKER_N_ROLES, 0);

  return roles[role].cap;
}

static GVariant *
build_header (guint64     seq_no,
              const char *correlation_id,
              gint64      ts_req,
              gint64      ts_res,
              const char *worker_type,
              gsize       payload_size,
              guint64     generation)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "version", g_variant_new_uint32 (VITRINE_PROTOCOL_VERSION));
  g_variant_builder_add (&builder, "{sv}", "seq_no", g_variant_new_uint64 (seq_no));
  g_variant_builder_add (&builder, "{sv}", "correlation_id", g_variant_new_string (correlation_id));
  g_variant_builder_add (&builder, "{sv}", "ts_req", g_variant_new_int64 (ts_req));
  if (ts_res != 0)
    g_variant_builder_add (&builder, "{sv}", "ts_res", g_variant_new_int64 (ts_res));
  g_variant_builder_add (&builder, "{sv}", "worker_type", g_variant_new_string (worker_type));
  g_variant_builder_add (&builder, "{sv}", "payload_size",
                         g_variant_new_uint32 ((guint32) MIN (payload_size, G_MAXUINT32)));
  g_variant_builder_add (&builder, "{sv}", "generation", g_variant_new_uint64 (generation));

  return g_variant_builder_end (&builder);
}

GVariant *
vitrine_message_header_request (VitrineWorkerRoleId role,
                                guint64             seq_no,
                                guint64             generation,
                                gsize               payload_size)
{
  g_autofree char *correlation_id = g_strdup_printf ("%s-%" G_GUINT64_FORMAT,
                                                     vitrine_worker_role_to_string (role), seq_no);

  return build_header (seq_no, correlation_id, g_get_monotonic_time (), 0,
                       vitrine_worker_role_to_string (role), payload_size, generation);
}

/* A reply echoes the request's identity and timing and adds when it was answered. */
GVariant *
vitrine_message_header_reply (const VitrineMessageHeader *request,
                              gsize                       payload_size)
{
  return build_header (request->seq_no, request->correlation_id, request->ts_req,
                       g_get_monotonic_time (), request->worker_type, payload_size,
                       request->generation);
}

static GVariant *
lookup (GVariantDict        *dict,
        const char          *key,
        const GVariantType  *type,
        gboolean             required,
        GError             **error)
{
  GVariant *value = g_variant_dict_lookup_value (dict, key, NULL);

  if (value == NULL)
    {
      if (required)
        g_set_error (error, VITRINE_MESSAGE_ERROR, VITRINE_MESSAGE_ERROR_MALFORMED,
                     "header has no “%s”", key);
      return NULL;
    }
  if (!g_variant_is_of_type (value, type))
    {
      g_set_error (error, VITRINE_MESSAGE_ERROR, VITRINE_MESSAGE_ERROR_MALFORMED,
                   "header “%s” is of type %s, not %s", key, g_variant_get_type_string (value),
                   (const char *) type);
      g_variant_unref (value);
      return NULL;
    }
  return value;
}

gboolean
vitrine_message_header_parse (GVariant              *variant,
                              VitrineMessageHeader  *header,
                              GError               **error)
{
  g_autoptr(GVariantDict) dict = NULL;
  g_autoptr(GVariant) version = NULL, seq_no = NULL, correlation_id = NULL, ts_req = NULL;
  g_autoptr(GVariant) ts_res = NULL, worker_type = NULL, payload_size = NULL, generation = NULL;
  GError *local_error = NULL;

  *header = (VitrineMessageHeader) { 0 };

  if (variant == NULL || !g_variant_is_of_type (variant, G_VARIANT_TYPE_VARDICT))
    {
      g_set_error_literal (error, VITRINE_MESSAGE_ERROR, VITRINE_MESSAGE_ERROR_MALFORMED,
                           "header is not a{sv}");
      return FALSE;
    }
  dict = g_variant_dict_new (variant);

  if ((version = lookup (dict, "version", G_VARIANT_TYPE_UINT32, TRUE, &local_error)) == NULL ||
      (seq_no = lookup (dict, "seq_no", G_VARIANT_TYPE_UINT64, TRUE, &local_error)) == NULL ||
      (correlation_id = lookup (dict, "correlation_id", G_VARIANT_TYPE_STRING, TRUE, &local_error)) == NULL ||
      (ts_req = lookup (dict, "ts_req", G_VARIANT_TYPE_INT64, TRUE, &local_error)) == NULL ||
      (worker_type = lookup (dict, "worker_type", G_VARIANT_TYPE_STRING, TRUE, &local_error)) == NULL ||
      (payload_size = lookup (dict, "payload_size", G_VARIANT_TYPE_UINT32, TRUE, &local_error)) == NULL ||
      (generation = lookup (dict, "generation", G_VARIANT_TYPE_UINT64, TRUE, &local_error)) == NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  ts_res = lookup (dict, "ts_res", G_VARIANT_TYPE_INT64, FALSE, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  header->version = g_variant_get_uint32 (version);
  if (header->version != VITRINE_PROTOCOL_VERSION)
    {
      g_set_error (error, VITRINE_MESSAGE_ERROR, VITRINE_MESSAGE_ERROR_VERSION,
                   "protocol version %u, expected %u", header->version, VITRINE_PROTOCOL_VERSION);
      return FALSE;
    }
  header->seq_no = g_variant_get_uint64 (seq_no);
  header->correlation_id = g_variant_dup_string (correlation_id, NULL);
  header->ts_req = g_variant_get_int64 (ts_req);
  header->ts_res = ts_res != NULL ? g_variant_get_int64 (ts_res) : 0;
  header->worker_type = g_variant_dup_string (worker_type, NULL);
  header->payload_size = g_variant_get_uint32 (payload_size);
  header->generation = g_variant_get_uint64 (generation);

  return TRUE;
}

/* A reply must come from the role asked and answer the request that was sent. */
gboolean
vitrine_message_check_reply (const VitrineMessageHeader  *reply,
                             VitrineWorkerRoleId          role,
                             guint64                      seq_no,
                             GError                     **error)
{
  if (g_strcmp0 (reply->worker_type, vitrine_worker_role_to_string (role)) != 0 ||
      reply->seq_no != seq_no)
    {
      g_set_error (error, VITRINE_MESSAGE_ERROR, VITRINE_MESSAGE_ERROR_MISMATCH,
                   "reply from “%s” for request %" G_GUINT64_FORMAT " answers “%s” request %"
                   G_GUINT64_FORMAT, reply->worker_type, reply->seq_no,
                   vitrine_worker_role_to_string (role), seq_no);
      return FALSE;
    }

  return TRUE;
}

void
vitrine_message_header_clear (VitrineMessageHeader *header)
{
  g_clear_pointer (&header->correlation_id, g_free);
  g_clear_pointer (&header->worker_type, g_free);
}

/* TRUE when @error, a worker's reply, says its input is at fault: that input may be
 * given up on. Anything else may go away by itself and is worth another try. */
gboolean
vitrine_message_error_blames_input (const GError *error)
{
  const char *domain;

  if (error == NULL)
    return FALSE;
  domain = g_quark_to_string (error->domain);
  return g_strcmp0 (domain, VITRINE_MESSAGE_INPUT_ERROR_DOMAIN) == 0 ||
         (g_strcmp0 (domain, VITRINE_MESSAGE_WORKER_ERROR_DOMAIN) == 0 &&
          error->code == VITRINE_MESSAGE_WORKER_ERROR_QUARANTINED);
}

/* How many file descriptors a reply of @kind hands over: one memfd for pixels (the probe,
 * a prescaled image, a payload), two for audio (the audio ring and the feature ring),
 * none for anything else. */
guint
vitrine_message_expected_fds (const char *kind)
{
  static const char * const with_fd[] = { "pixels", "prescale", "payload" };

  if (g_strcmp0 (kind, "audio") == 0)
    return 2;
  for (guint i = 0; i < G_N_ELEMENTS (with_fd); i++)
    if (g_strcmp0 (kind, with_fd[i]) == 0)
      return 1;
  return 0;
}

/* The fd index @reply names under @key, if any, is one of its @n_fds. */
static gboolean
check_index (GVariant    *reply,
             const char  *key,
             guint        n_fds,
             GError     **error)
{
  gint32 index;

  if (!g_variant_lookup (reply, key, "i", &index) || (index >= 0 && (guint) index < n_fds))
    return TRUE;
  g_set_error (error, VITRINE_MESSAGE_ERROR, VITRINE_MESSAGE_ERROR_HANDOVER,
               "the reply names file descriptor index %d for “%s”, of %u handed over", index, key, n_fds);
  return FALSE;
}

/* An audio reply without a feature ring names index -1 for it. */
static gboolean
feature_index_is_none (GVariant *reply)
{
  gint32 index = 0;

  return g_variant_lookup (reply, "features", "i", &index) && index == -1;
}

/* The size @request implies for its pixels: its width and height, or a payload's grid. */
static gboolean
requested_size (GVariant *request,
                guint32  *width,
                guint32  *height)
{
  const char *kind = NULL;

  g_variant_lookup (request, "kind", "&s", &kind);
  if (g_strcmp0 (kind, "payload") == 0)
    return g_variant_lookup (request, "columns", "u", width) && g_variant_lookup (request, "rows", "u", height);
  return g_variant_lookup (request, "width", "u", width) && g_variant_lookup (request, "height", "u", height);
}

/*
 * What a well-formed @reply to @request hands over agrees with what was asked
 * (docs/ARCHITECTURE.md §2): no more file descriptors than its kind has, every index it
 * names within the @n_fds it came with, and pixels of exactly the size asked for (a
 * payload's: its grid), so that nothing of another size reaches a texture.
 */
gboolean
vitrine_message_check_handover (GVariant  *request,
                                GVariant  *reply,
                                guint      n_fds,
                                GError   **error)
{
  g_autoptr(GVariant) pixels = NULL;
  g_auto(VitrinePixelHeader) header = { 0 };
  const char *kind = NULL;
  guint32 width, height;

  g_variant_lookup (request, "kind", "&s", &kind);
  if (n_fds > vitrine_message_expected_fds (kind))
    {
      g_set_error (error, VITRINE_MESSAGE_ERROR, VITRINE_MESSAGE_ERROR_HANDOVER,
                   "the reply hands over %u file descriptors, a “%s” reply at most %u",
                   n_fds, kind != NULL ? kind : "", vitrine_message_expected_fds (kind));
      return FALSE;
    }
  if (!check_index (reply, "fd", n_fds, error) || !check_index (reply, "ring", n_fds, error) ||
      (!feature_index_is_none (reply) && !check_index (reply, "features", n_fds, error)))
    return FALSE;

  pixels = g_variant_lookup_value (reply, "pixels", G_VARIANT_TYPE_VARDICT);
  if (pixels == NULL || !requested_size (request, &width, &height))
    return TRUE;
  if (!vitrine_pixel_header_from_variant (&header, pixels, error))
    return FALSE;
  if (header.width != width || header.height != height)
    {
      g_set_error (error, VITRINE_MESSAGE_ERROR, VITRINE_MESSAGE_ERROR_HANDOVER,
                   "pixels of %u×%u where %u×%u were asked for", header.width, header.height, width, height);
      return FALSE;
    }
  return TRUE;
}
