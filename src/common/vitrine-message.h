/* vitrine-message.h: what both processes agree on about messages: roles, the common
 * header of every request and reply (docs/ARCHITECTURE.md §2), and the size cap per role.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define VITRINE_PROTOCOL_VERSION    1
#define VITRINE_WORKER_OBJECT_PATH  "/io/github/vitrine/Worker"
#define VITRINE_WORKER_INTERFACE    "io.github.vitrine.Worker1"

typedef enum
{
  VITRINE_WORKER_ROLE_IMAGE,
  VITRINE_WORKER_ROLE_FEED,
  VITRINE_WORKER_ROLE_AUDIO,
  VITRINE_WORKER_ROLE_TRANSITION,
  VITRINE_WORKER_N_ROLES
} VitrineWorkerRoleId;

#define VITRINE_MESSAGE_ERROR (vitrine_message_error_quark ())

typedef enum
{
  VITRINE_MESSAGE_ERROR_MALFORMED,
  VITRINE_MESSAGE_ERROR_VERSION,
  VITRINE_MESSAGE_ERROR_OVERSIZE,
  VITRINE_MESSAGE_ERROR_MISMATCH,
  VITRINE_MESSAGE_ERROR_HANDOVER,
} VitrineMessageError;

/*
 * The errors a worker replies with that blame its input, as GDBus rebuilds them on the
 * display's side: the image role's refusal of a file (its VITRINE_IMAGE_ERROR) and a
 * quarantined input (VITRINE_WORKER_ERROR_QUARANTINED). Everything else, from the worker
 * or from the display's own checks, is not the input's fault (docs/ARCHITECTURE.md §2).
 */
#define VITRINE_MESSAGE_INPUT_ERROR_DOMAIN       "vitrine-image-error-quark"
#define VITRINE_MESSAGE_WORKER_ERROR_DOMAIN      "vitrine-worker-error-quark"
#define VITRINE_MESSAGE_WORKER_ERROR_QUARANTINED 2

typedef struct
{
  guint32  version;
  guint64  seq_no;
  char    *correlation_id;
  gint64   ts_req;
  gint64   ts_res;
  char    *worker_type;
  guint32  payload_size;
  guint64  generation;
} VitrineMessageHeader;

GQuark      vitrine_message_error_quark       (void);
const char *vitrine_worker_role_to_string     (VitrineWorkerRoleId          role);
gboolean    vitrine_worker_role_from_string   (const char                  *name,
                                               VitrineWorkerRoleId         *role);
gsize       vitrine_worker_role_message_cap   (VitrineWorkerRoleId          role);
GVariant   *vitrine_message_header_request    (VitrineWorkerRoleId          role,
                                               guint64                      seq_no,
                                               guint64                      generation,
                                               gsize                        payload_size);
GVariant   *vitrine_message_header_reply      (const VitrineMessageHeader  *request,
                                               gsize                        payload_size);
gboolean    vitrine_message_header_parse      (GVariant                    *variant,
                                               VitrineMessageHeader        *header,
                                               GError                     **error);
gboolean    vitrine_message_check_reply       (const VitrineMessageHeader  *reply,
                                               VitrineWorkerRoleId          role,
                                               guint64                      seq_no,
                                               GError                     **error);
void        vitrine_message_header_clear      (VitrineMessageHeader        *header);
gboolean    vitrine_message_error_blames_input (const GError               *error);
guint       vitrine_message_expected_fds      (const char                  *kind);
gboolean    vitrine_message_check_handover    (GVariant                    *request,
                                               GVariant                    *reply,
                                               guint                        n_fds,
                                               GError                     **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (VitrineMessageHeader, vitrine_message_header_clear)

G_END_DECLS
