/* test-worker-protocol.c: message headers, fault specs and the poison list, without
 * processes.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>

#include "vitrine-image-prescale.h"
#include "vitrine-memfd.h"
#include "vitrine-message.h"
#include "vitrine-pixel-header.h"
#include "vitrine-test-util.h"
#include "vitrine-worker-faults.h"
#include "vitrine-worker-poison.h"
#include "vitrine-worker.h"

static void
test_header_roundtrip (void)
{
  g_autoptr(GVariant) request = g_variant_ref_sink (vitrine_message_header_request (VITRINE_WORKER_ROLE_FEED,
                                                                                     17, 4, 1234));
  g_autoptr(GVariant) reply = NULL;
  g_auto(VitrineMessageHeader) parsed = { 0 };
  g_auto(VitrineMessageHeader) answered = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (vitrine_message_header_parse (request, &parsed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (parsed.version, ==, VITRINE_PROTOCOL_VERSION);
  g_assert_cmpuint (parsed.seq_no, ==, 17);
  g_assert_cmpstr (parsed.correlation_id, ==, "feed-17");
  g_assert_cmpstr (parsed.worker_type, ==, "feed");
  g_assert_cmpuint (parsed.payload_size, ==, 1234);
  g_assert_cmpuint (parsed.generation, ==, 4);
  g_assert_cmpint (parsed.ts_req, >, 0);
  g_assert_cmpint (parsed.ts_res, ==, 0);

  reply = g_variant_ref_sink (vitrine_message_header_reply (&parsed, 99));
  g_assert_true (vitrine_message_header_parse (reply, &answered, &error));
  g_assert_cmpuint (answered.seq_no, ==, 17);
  g_assert_cmpint (answered.ts_req, ==, parsed.ts_req);
  g_assert_cmpint (answered.ts_res, >=, parsed.ts_req);
  g_assert_cmpuint (answered.payload_size, ==, 99);
  g_assert_true (vitrine_message_check_reply (&answered, VITRINE_WORKER_ROLE_FEED, 17, &error));
  g_assert_no_error (error);
}

static void
test_header_rejected (void)
{
  const struct {
    const char *text;
    int code;
  } cases[] = {
    { "{'version': <uint32 2>, 'seq_no': <uint64 1>, 'correlation_id': <'x'>, 'ts_req': <int64 1>,"
      " 'worker_type': <'image'>, 'payload_size': <uint32 0>, 'generation': <uint64 0>}",
      VITRINE_MESSAGE_ERROR_VERSION },
    { "{'version': <uint32 1>, 'seq_no': <'1'>, 'correlation_id': <'x'>, 'ts_req': <int64 1>,"
      " 'worker_type': <'image'>, 'payload_size': <uint32 0>, 'generation': <uint64 0>}",
      VITRINE_MESSAGE_ERROR_MALFORMED },
    { "{'version': <uint32 1>, 'seq_no': <uint64 1>}", VITRINE_MESSAGE_ERROR_MALFORMED },
    { "{'version': <uint32 1>, 'seq_no': <uint64 1>, 'correlation_id': <'x'>, 'ts_req': <int64 1>,"
      " 'ts_res': <'late'>, 'worker_type': <'image'>, 'payload_size': <uint32 0>, 'generation': <uint64 0>}",
      VITRINE_MESSAGE_ERROR_MALFORMED },
    { "('not', 'a', 'dictionary')", VITRINE_MESSAGE_ERROR_MALFORMED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GVariant) variant = g_variant_parse (NULL, cases[i].text, NULL, NULL, NULL);
      g_auto(VitrineMessageHeader) header = { 0 };
      g_autoptr(GError) error = NULL;

      g_assert_nonnull (variant);
      g_assert_false (vitrine_message_header_parse (variant, &header, &error));
      g_assert_error (error, VITRINE_MESSAGE_ERROR, cases[i].code);
    }
}

static void
test_reply_mismatch (void)
{
  g_autoptr(GVariant) request = g_variant_ref_sink (vitrine_message_header_request (VITRINE_WORKER_ROLE_IMAGE,
                                                                                     5, 0, 0));
  g_auto(VitrineMessageHeader) header = { 0 };
  g_autoptr(GError) wrong_role = NULL;
  g_autoptr(GError) wrong_seq = NULL;

  g_assert_true (vitrine_message_header_parse (request, &header, NULL));
  g_assert_false (vitrine_message_check_reply (&header, VITRINE_WORKER_ROLE_AUDIO, 5, &wrong_role));
  g_assert_error (wrong_role, VITRINE_MESSAGE_ERROR, VITRINE_MESSAGE_ERROR_MISMATCH);
  g_assert_false (vitrine_message_check_reply (&header, VITRINE_WORKER_ROLE_IMAGE, 6, &wrong_seq));
  g_assert_error (wrong_seq, VITRINE_MESSAGE_ERROR, VITRINE_MESSAGE_ERROR_MISMATCH);
}

static void
test_caps (void)
{
  g_assert_cmpuint (vitrine_worker_role_message_cap (VITRINE_WORKER_ROLE_IMAGE), ==, 64 * 1024);
  g_assert_cmpuint (vitrine_worker_role_message_cap (VITRINE_WORKER_ROLE_FEED), ==, 4 * 1024 * 1024);
  g_assert_cmpuint (vitrine_worker_role_message_cap (VITRINE_WORKER_ROLE_AUDIO), ==, 64 * 1024);
  g_assert_cmpuint (vitrine_worker_role_message_cap (VITRINE_WORKER_ROLE_TRANSITION), ==, 1024 * 1024);
}

static void
test_faults (void)
{
  g_autoptr(GPtrArray) faults = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GError) error = NULL;
  const VitrineFault *fault;

  faults = vitrine_faults_parse ("slow:250@3, crash=/a b.jpg ,garbage", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (faults->len, ==, 3);

  /* The first that applies wins: request 3 is slow, the named input crashes, others garble. */
  fault = vitrine_faults_match (faults, 3, NULL);
  g_assert_cmpint (fault->kind, ==, VITRINE_FAULT_SLOW);
  g_assert_cmpuint (fault->arg, ==, 250);
  g_assert_cmpint (vitrine_faults_match (faults, 1, "/a b.jpg")->kind, ==, VITRINE_FAULT_CRASH);
  g_assert_cmpint (vitrine_faults_match (faults, 2, "/c.jpg")->kind, ==, VITRINE_FAULT_GARBAGE);

  none = vitrine_faults_parse ("", &error);
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_null (vitrine_faults_match (none, 1, NULL));
  g_assert_null (vitrine_faults_match (NULL, 1, NULL));
}

static void
test_fault_errors (void)
{
  const char *bad[] = { "explode", "crash@0", "crash@x", "slow:fast", "hang,@2" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) faults = vitrine_faults_parse (bad[i], &error);

      g_assert_null (faults);
      g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
    }
}

/* The error-reply faults strike Process requests; the Hello ones only the handshake. */
static void
test_reply_faults (void)
{
  g_autoptr(GPtrArray) faults = NULL;
  g_autoptr(GPtrArray) process_only = NULL;
  g_autoptr(GError) error = NULL;

  faults = vitrine_faults_parse ("hello-cancelled,error-closed@2,emfile=/a.png,error-cancelled", &error);
  g_assert_no_error (error);
  g_assert_cmpint (vitrine_faults_match_hello (faults)->kind, ==, VITRINE_FAULT_HELLO_CANCELLED);
  g_assert_cmpint (vitrine_faults_match (faults, 2, NULL)->kind, ==, VITRINE_FAULT_ERROR_CLOSED);
  g_assert_cmpint (vitrine_faults_match (faults, 3, "/a.png")->kind, ==, VITRINE_FAULT_EMFILE);
  g_assert_cmpint (vitrine_faults_match (faults, 1, NULL)->kind, ==, VITRINE_FAULT_ERROR_CANCELLED);

  process_only = vitrine_faults_parse ("hello-closed", &error);
  g_assert_no_error (error);
  g_assert_null (vitrine_faults_match (process_only, 1, NULL));
  g_assert_cmpint (vitrine_faults_match_hello (process_only)->kind, ==, VITRINE_FAULT_HELLO_CLOSED);
  g_assert_null (vitrine_faults_match_hello (NULL));
}

/* @error as the display receives it: encoded into a D-Bus error reply and rebuilt. */
static GError *
over_dbus (GError *error)
{
  g_autofree char *name = g_dbus_error_encode_gerror (error);
  GError *received = g_dbus_error_new_for_dbus_error (name, error->message);

  g_error_free (error);
  return received;
}

/* Only the worker's "this file is bad" and a quarantine blame the input. */
static void
test_input_blame (void)
{
  GError *blamed[] = {
    g_error_new_literal (VITRINE_IMAGE_ERROR, VITRINE_IMAGE_ERROR_CORRUPT, "corrupt"),
    g_error_new_literal (VITRINE_IMAGE_ERROR, VITRINE_IMAGE_ERROR_UNREADABLE, "missing"),
    g_error_new_literal (VITRINE_WORKER_ERROR, VITRINE_WORKER_ERROR_QUARANTINED, "quarantined"),
  };
  GError *not_blamed[] = {
    g_error_new_literal (G_IO_ERROR, G_IO_ERROR_TOO_MANY_OPEN_FILES, "too many open files"),
    g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled"),
    g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CLOSED, "closed"),
    g_error_new_literal (VITRINE_MEMFD_ERROR, VITRINE_MEMFD_ERROR_FAILED, "memfd_create failed"),
    g_error_new_literal (VITRINE_WORKER_ERROR, VITRINE_WORKER_ERROR_BAD_REQUEST, "bad request"),
    g_error_new_literal (VITRINE_WORKER_ERROR, VITRINE_WORKER_ERROR_UNKNOWN_KIND, "unknown kind"),
  };
  g_autoptr(GError) local = g_error_new_literal (VITRINE_MEMFD_ERROR, VITRINE_MEMFD_ERROR_NOT_SEALED,
                                                 "unsealed");

  for (guint i = 0; i < G_N_ELEMENTS (blamed); i++)
    {
      g_autoptr(GError) received = over_dbus (blamed[i]);

      g_assert_true (vitrine_message_error_blames_input (received));
    }
  for (guint i = 0; i < G_N_ELEMENTS (not_blamed); i++)
    {
      g_autoptr(GError) received = over_dbus (not_blamed[i]);

      g_assert_false (vitrine_message_error_blames_input (received));
    }
  /* The display's own checks of a reply blame nothing either. */
  g_assert_false (vitrine_message_error_blames_input (NULL));
  g_assert_false (vitrine_message_error_blames_input (local));
}

/* The display's list of @role, opened by a process whose predecessor crashed. */
static VitrinePoisonList *
open_after_crash (const char *dir,
                  const char *role)
{
  g_autoptr(GError) error = NULL;
  VitrinePoisonList *list = vitrine_poison_list_open (dir, "display", role, VITRINE_PREDECESSOR_UNEXPLAINED,
                                                      &error);

  g_assert_no_error (error);
  return list;
}

/* What a process leaves behind when it dies, as the next process of the role finds it. */
static void
test_poison_strikes (void)
{
  g_autofree char *dir = g_dir_make_tmp ("vitrine-poison-XXXXXX", NULL);
  g_auto(GStrv) quarantined = NULL;

  {
    /* Dies with two inputs in flight: one strike each, nobody quarantined yet. */
    g_autoptr(VitrinePoisonList) first = open_after_crash (dir, "image");

    vitrine_poison_list_begin (first, "/a.jpg");
    vitrine_poison_list_begin (first, "/b.jpg");
    vitrine_poison_list_begin (first, "/c.jpg");
    vitrine_poison_list_end (first, "/c.jpg", TRUE);
  }
  {
    g_autoptr(VitrinePoisonList) second = open_after_crash (dir, "image");

    g_assert_false (vitrine_poison_list_is_quarantined (second, "/a.jpg"));
    g_assert_false (vitrine_poison_list_is_quarantined (second, "/b.jpg"));
    g_assert_false (vitrine_poison_list_is_quarantined (second, "/c.jpg"));

    /* Dies again, this time on /a.jpg alone. */
    vitrine_poison_list_begin (second, "/a.jpg");
  }
  {
    g_autoptr(VitrinePoisonList) third = open_after_crash (dir, "image");

    g_assert_true (vitrine_poison_list_is_quarantined (third, "/a.jpg"));
    g_assert_false (vitrine_poison_list_is_quarantined (third, "/b.jpg"));
    quarantined = vitrine_poison_list_dup_quarantined (third);
    g_assert_cmpuint (g_strv_length (quarantined), ==, 1);
    g_assert_cmpstr (quarantined[0], ==, "/a.jpg");

    /* A clean run leaves nothing to settle, and other roles have lists of their own. */
    vitrine_poison_list_begin (third, "/d.jpg");
    vitrine_poison_list_end (third, "/d.jpg", TRUE);
  }
  {
    g_autoptr(VitrinePoisonList) fourth = open_after_crash (dir, "image");
    g_autoptr(VitrinePoisonList) feed = open_after_crash (dir, "feed");

    g_assert_false (vitrine_poison_list_is_quarantined (fourth, "/d.jpg"));
    g_assert_false (vitrine_poison_list_is_quarantined (feed, "/a.jpg"));
  }

  vt_remove_tree (dir);
}

/* A note is evidence only when the supervisor says the death was not its doing. */
static void
test_poison_predecessor (void)
{
  g_autofree char *dir = g_dir_make_tmp ("vitrine-poison-XXXXXX", NULL);
  const VitrinePredecessor innocent[] = { VITRINE_PREDECESSOR_NONE, VITRINE_PREDECESSOR_CAUSED };

  for (guint i = 0; i < G_N_ELEMENTS (innocent); i++)
    {
      g_autoptr(VitrinePoisonList) dying = open_after_crash (dir, "image");
      g_autoptr(VitrinePoisonList) next = NULL;
      g_autoptr(VitrinePoisonList) after = NULL;

      vitrine_poison_list_begin (dying, "/a.jpg");
      next = vitrine_poison_list_open (dir, "display", "image", innocent[i], NULL);
      g_assert_false (vitrine_poison_list_is_quarantined (next, "/a.jpg"));
      /* The note is gone, not kept for a later process to hold against it. */
      after = open_after_crash (dir, "image");
      g_assert_false (vitrine_poison_list_is_quarantined (after, "/a.jpg"));
    }
  {
    g_autoptr(VitrinePoisonList) dying = open_after_crash (dir, "image");
    g_autoptr(VitrinePoisonList) next = NULL;

    vitrine_poison_list_begin (dying, "/a.jpg");
    next = open_after_crash (dir, "image");
    g_assert_true (vitrine_poison_list_is_quarantined (next, "/a.jpg"));
  }
  vt_remove_tree (dir);
}

/* A clean exit takes the note with it, even with work still running on a thread. */
static void
test_poison_close_clean (void)
{
  g_autofree char *dir = g_dir_make_tmp ("vitrine-poison-XXXXXX", NULL);

  {
    g_autoptr(VitrinePoisonList) quitting = open_after_crash (dir, "image");

    vitrine_poison_list_begin (quitting, "/slow.jpg");
    vitrine_poison_list_begin (quitting, "/other.jpg");
    vitrine_poison_list_close_clean (quitting);
    vitrine_poison_list_end (quitting, "/other.jpg", TRUE);
  }
  {
    g_autoptr(VitrinePoisonList) next = open_after_crash (dir, "image");
    g_auto(GStrv) quarantined = vitrine_poison_list_dup_quarantined (next);

    g_assert_cmpuint (g_strv_length (quarantined), ==, 0);
  }
  vt_remove_tree (dir);
}

/* A success forgets an input's strikes; forget() forgets on request. */
static void
test_poison_decay (void)
{
  g_autofree char *dir = g_dir_make_tmp ("vitrine-poison-XXXXXX", NULL);
  const char *forget[] = { "/bad.jpg", "/unknown.jpg", NULL };

  {
    g_autoptr(VitrinePoisonList) dying = open_after_crash (dir, "image");

    vitrine_poison_list_begin (dying, "/a.jpg");
    vitrine_poison_list_begin (dying, "/b.jpg");
  }
  {
    g_autoptr(VitrinePoisonList) next = open_after_crash (dir, "image");

    /* /a.jpg fails on its own (a broken file, no crash): that is no success. */
    vitrine_poison_list_begin (next, "/a.jpg");
    vitrine_poison_list_end (next, "/a.jpg", FALSE);
    vitrine_poison_list_begin (next, "/b.jpg");
    vitrine_poison_list_end (next, "/b.jpg", TRUE);
    vitrine_poison_list_begin (next, "/a.jpg");
    vitrine_poison_list_begin (next, "/b.jpg");
  }
  {
    g_autoptr(VitrinePoisonList) next = open_after_crash (dir, "image");

    g_assert_true (vitrine_poison_list_is_quarantined (next, "/a.jpg"));
    g_assert_false (vitrine_poison_list_is_quarantined (next, "/b.jpg"));
    vitrine_poison_list_begin (next, "/bad.jpg");
  }
  {
    g_autoptr(VitrinePoisonList) next = open_after_crash (dir, "image");

    g_assert_true (vitrine_poison_list_is_quarantined (next, "/bad.jpg"));
    g_assert_cmpuint (vitrine_poison_list_forget (next, forget), ==, 1);
    g_assert_false (vitrine_poison_list_is_quarantined (next, "/bad.jpg"));
    g_assert_cmpuint (vitrine_poison_list_forget (next, NULL), ==, 2);
  }
  {
    g_autoptr(VitrinePoisonList) next = open_after_crash (dir, "image");
    g_auto(GStrv) quarantined = vitrine_poison_list_dup_quarantined (next);

    g_assert_cmpuint (g_strv_length (quarantined), ==, 0);
  }
  vt_remove_tree (dir);
}

/* Newlines, tabs, backslashes and non-ASCII are bytes of a path like any other. */
static void
test_poison_odd_paths (void)
{
  g_autofree char *dir = g_dir_make_tmp ("vitrine-poison-XXXXXX", NULL);
  const char *odd = "/photos/new\nline\tand \\ back\\nslash \xc3\xa9t\xc3\xa9.jpg";

  {
    g_autoptr(VitrinePoisonList) dying = open_after_crash (dir, "image");

    vitrine_poison_list_begin (dying, odd);
  }
  {
    g_autoptr(VitrinePoisonList) next = open_after_crash (dir, "image");
    g_auto(GStrv) quarantined = vitrine_poison_list_dup_quarantined (next);

    g_assert_cmpuint (g_strv_length (quarantined), ==, 1);
    g_assert_cmpstr (quarantined[0], ==, odd);
    g_assert_false (vitrine_poison_list_is_quarantined (next, "/photos/new"));
  }
  {
    g_autoptr(VitrinePoisonList) again = open_after_crash (dir, "image");

    g_assert_true (vitrine_poison_list_is_quarantined (again, odd));
  }
  vt_remove_tree (dir);
}

/* The display's lists and `--render-transition`'s never see each other's notes. */
static void
test_poison_instances (void)
{
  g_autofree char *dir = g_dir_make_tmp ("vitrine-poison-XXXXXX", NULL);
  g_autoptr(VitrinePoisonList) render = vitrine_poison_list_open (dir, "render", "image",
                                                                  VITRINE_PREDECESSOR_NONE, NULL);
  g_autoptr(VitrinePoisonList) display = NULL;

  vitrine_poison_list_begin (render, "/r.jpg");
  display = open_after_crash (dir, "image");
  g_assert_false (vitrine_poison_list_is_quarantined (display, "/r.jpg"));
  g_clear_pointer (&render, vitrine_poison_list_free);
  render = vitrine_poison_list_open (dir, "render", "image", VITRINE_PREDECESSOR_UNEXPLAINED, NULL);
  g_assert_true (vitrine_poison_list_is_quarantined (render, "/r.jpg"));
  vt_remove_tree (dir);
}

static void
write_state (const char *dir,
             const char *name,
             const char *contents,
             gssize      length)
{
  g_autofree char *folder = g_build_filename (dir, "display", NULL);
  g_autofree char *path = g_build_filename (folder, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
}

/* Files from an earlier version, or broken ones, start a clean list and never crash. */
static void
test_poison_corrupt_files (void)
{
  const char noise[] = "\x00\xff\t\n\\\n2\t\t\n\x80\x81";
  /* The second has one good line, for an input that is no path (so never pruned as gone). */
  const char *strikes[] = {
    "2\t/old-format.jpg\n",
    "vitrine-poison 2\n2\t5\tkept-input\n2\t/no-time.jpg\n0\t5\t/no-strikes.jpg\n"
    "x\t5\t/x.jpg\n2\t-1\t/negative.jpg\n2\t5\t/trailing\\\n2\t5\t\\377bad-utf8\n2\t5\t\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (strikes); i++)
    {
      g_autofree char *dir = g_dir_make_tmp ("vitrine-poison-XXXXXX", NULL);
      g_autoptr(VitrinePoisonList) list = NULL;
      g_auto(GStrv) quarantined = NULL;

      write_state (dir, "image-worker.poison", strikes[i], -1);
      write_state (dir, "image-worker.current", noise, sizeof noise - 1);
      list = open_after_crash (dir, "image");
      quarantined = vitrine_poison_list_dup_quarantined (list);
      g_assert_cmpuint (g_strv_length (quarantined), ==, i);
      if (i == 1)
        g_assert_cmpstr (quarantined[0], ==, "kept-input");
      vt_remove_tree (dir);
    }
}

/* A state directory that cannot be made: open says why, and the worker goes on without. */
static void
test_poison_unwritable (void)
{
  g_autofree char *dir = g_dir_make_tmp ("vitrine-poison-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (dir, "file", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(VitrinePoisonList) list = NULL;

  g_assert_true (g_file_set_contents (file, "", 0, NULL));
  list = vitrine_poison_list_open (file, "display", "image", VITRINE_PREDECESSOR_NONE, &error);
  g_assert_null (list);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, file));
  vt_remove_tree (dir);
}

/* The pure rules: what a death says, strikes, the bound, pages, the grace of a missing file. */
static void
test_poison_policy (void)
{
  VitrinePoisonEntry entries[] = {
    { "/old.jpg", 2, 100 }, { "/new.jpg", 2, 300 }, { "/b.jpg", 1, 200 }, { "/a.jpg", 2, 200 },
  };
  const char *inputs[] = { "/0123456789", "/0123456789", "/0123456789", NULL };
  VitrinePredecessor parsed;

  g_assert_cmpint (vitrine_predecessor_from_exit (TRUE, TRUE, 0), ==, VITRINE_PREDECESSOR_CAUSED);
  g_assert_cmpint (vitrine_predecessor_from_exit (FALSE, FALSE, 0), ==, VITRINE_PREDECESSOR_CAUSED);
  g_assert_cmpint (vitrine_predecessor_from_exit (FALSE, TRUE, 0), ==, VITRINE_PREDECESSOR_UNEXPLAINED);
  g_assert_cmpint (vitrine_predecessor_from_exit (FALSE, FALSE, 1), ==, VITRINE_PREDECESSOR_UNEXPLAINED);
  g_assert_cmpint (vitrine_predecessor_from_exit (FALSE, TRUE, SIGSEGV), ==, VITRINE_PREDECESSOR_UNEXPLAINED);
  g_assert_cmpint (vitrine_predecessor_from_exit (FALSE, TRUE, SIGKILL), ==, VITRINE_PREDECESSOR_KILLED);
  g_assert_cmpint (vitrine_predecessor_from_exit (TRUE, TRUE, SIGKILL), ==, VITRINE_PREDECESSOR_CAUSED);
  for (guint i = 0; i <= VITRINE_PREDECESSOR_UNEXPLAINED; i++)
    {
      g_assert_true (vitrine_predecessor_from_string (vitrine_predecessor_to_string (i), &parsed));
      g_assert_cmpint (parsed, ==, i);
    }
  g_assert_false (vitrine_predecessor_from_string ("crashed", &parsed));

  g_assert_cmpuint (vitrine_poison_policy_strikes (VITRINE_PREDECESSOR_UNEXPLAINED, 1), ==, 2);
  g_assert_cmpuint (vitrine_poison_policy_strikes (VITRINE_PREDECESSOR_UNEXPLAINED, 3), ==, 1);
  g_assert_cmpuint (vitrine_poison_policy_strikes (VITRINE_PREDECESSOR_CAUSED, 1), ==, 0);
  g_assert_cmpuint (vitrine_poison_policy_strikes (VITRINE_PREDECESSOR_NONE, 1), ==, 0);
  /* The OOM killer's SIGKILL, alone in flight: one strike, not a quarantine. */
  g_assert_cmpuint (vitrine_poison_policy_strikes (VITRINE_PREDECESSOR_KILLED, 1), ==, 1);
  g_assert_cmpuint (vitrine_poison_policy_strikes (VITRINE_PREDECESSOR_KILLED, 3), ==, 1);
  g_assert_cmpuint (vitrine_poison_policy_strikes (VITRINE_PREDECESSOR_KILLED, 0), ==, 0);

  g_assert_cmpuint (vitrine_poison_policy_bound (entries, G_N_ELEMENTS (entries), 3), ==, 3);
  g_assert_cmpstr (entries[0].input, ==, "/new.jpg");
  g_assert_cmpstr (entries[1].input, ==, "/a.jpg");
  g_assert_cmpstr (entries[2].input, ==, "/b.jpg");
  g_assert_cmpstr (entries[3].input, ==, "/old.jpg");

  /* 11 bytes, a nul and 4 of framing each: two fit 32 bytes, one is always taken. */
  g_assert_cmpuint (vitrine_poison_policy_page (inputs, 3, 0, 32), ==, 2);
  g_assert_cmpuint (vitrine_poison_policy_page (inputs, 3, 2, 32), ==, 1);
  g_assert_cmpuint (vitrine_poison_policy_page (inputs, 3, 0, 1), ==, 1);
  g_assert_cmpuint (vitrine_poison_policy_page (inputs, 3, 3, 32), ==, 0);
  g_assert_cmpuint (vitrine_poison_policy_page (inputs, 3, 7, 32), ==, 0);

  g_assert_false (vitrine_poison_policy_forget_missing (0, VITRINE_POISON_MISSING_GRACE_US - 1));
  g_assert_true (vitrine_poison_policy_forget_missing (0, VITRINE_POISON_MISSING_GRACE_US));
}

static GVariant *
parsed (const char *text)
{
  return g_variant_ref_sink (g_variant_new_parsed (text));
}

static GVariant *
pixels_reply (guint32 width,
              guint32 height,
              gint32  fd)
{
  VitrinePixelHeader header = {
    .width = width, .height = height, .stride = width * 4,
    .format = (char *) VITRINE_PIXEL_FORMAT_RGBA8_PREMULTIPLIED, .cache_key = (char *) "",
  };

  return g_variant_ref_sink (g_variant_new_parsed ("{'pixels': %v, 'fd': <%i>}",
                                                   vitrine_pixel_header_to_variant (&header), fd));
}

/* What a reply hands over must agree with what was asked: fds, their indices, sizes. */
static void
test_handover (void)
{
  g_autoptr(GVariant) echo = parsed ("{'kind': <'echo'>}");
  g_autoptr(GVariant) echoed = parsed ("{'echo': <{'kind': <'echo'>}>}");
  g_autoptr(GVariant) prescale = parsed ("{'kind': <'prescale'>, 'width': <uint32 64>, 'height': <uint32 32>}");
  g_autoptr(GVariant) payload = parsed ("{'kind': <'payload'>, 'columns': <uint32 12>, 'rows': <uint32 7>}");
  g_autoptr(GVariant) audio = parsed ("{'kind': <'audio'>}");
  g_autoptr(GVariant) right = pixels_reply (64, 32, 0);
  g_autoptr(GVariant) wider = pixels_reply (65, 32, 0);
  g_autoptr(GVariant) grid = pixels_reply (12, 7, 0);
  g_autoptr(GVariant) past = pixels_reply (64, 32, 1);
  g_autoptr(GVariant) negative = pixels_reply (64, 32, -1);
  g_autoptr(GVariant) ring = parsed ("{'ring': <0>}");
  g_autoptr(GVariant) ring_past = parsed ("{'ring': <1>}");
  g_autoptr(GVariant) features = parsed ("{'ring': <0>, 'features': <1>}");
  g_autoptr(GVariant) no_features = parsed ("{'ring': <0>, 'features': <-1>}");
  g_autoptr(GVariant) features_past = parsed ("{'ring': <0>, 'features': <2>}");
  struct {
    GVariant *request, *reply;
    guint n_fds;
    gboolean ok;
  } cases[] = {
    { echo, echoed, 0, TRUE },
    { echo, echoed, 1, FALSE },       /* an fd nobody asked for */
    { prescale, right, 1, TRUE },
    { prescale, right, 2, FALSE },    /* one more than a prescale hands over */
    { prescale, wider, 1, FALSE },    /* another size than asked */
    { prescale, past, 1, FALSE },     /* an index past the list */
    { prescale, negative, 1, FALSE },
    { prescale, right, 0, FALSE },    /* names an fd that did not come */
    { payload, grid, 1, TRUE },
    { payload, right, 1, FALSE },     /* a payload's size is its grid */
    { audio, ring, 1, TRUE },
    { audio, ring_past, 1, FALSE },
    { audio, ring, 3, FALSE },        /* the audio ring and the feature ring at most */
    { audio, features, 2, TRUE },
    { audio, no_features, 1, TRUE },  /* -1: no feature ring */
    { audio, features_past, 2, FALSE },
    { audio, features, 1, FALSE },
  };

  g_assert_cmpuint (vitrine_message_expected_fds ("prescale"), ==, 1);
  g_assert_cmpuint (vitrine_message_expected_fds ("audio"), ==, 2);
  g_assert_cmpuint (vitrine_message_expected_fds ("scan"), ==, 0);
  g_assert_cmpuint (vitrine_message_expected_fds (NULL), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = vitrine_message_check_handover (cases[i].request, cases[i].reply, cases[i].n_fds, &error);

      g_test_message ("case %u: %s", i, error != NULL ? error->message : "accepted");
      g_assert_cmpint (ok, ==, cases[i].ok);
      if (!ok)
        g_assert_error (error, VITRINE_MESSAGE_ERROR, VITRINE_MESSAGE_ERROR_HANDOVER);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_summary ("Worker protocol headers, fault specs and the poison list");

  g_test_add_func ("/WorkerProtocol/header-roundtrip", test_header_roundtrip);
  g_test_add_func ("/WorkerProtocol/header-rejected", test_header_rejected);
  g_test_add_func ("/WorkerProtocol/reply-mismatch", test_reply_mismatch);
  g_test_add_func ("/WorkerProtocol/caps", test_caps);
  g_test_add_func ("/WorkerProtocol/handover", test_handover);
  g_test_add_func ("/WorkerProtocol/faults", test_faults);
  g_test_add_func ("/WorkerProtocol/fault-errors", test_fault_errors);
  g_test_add_func ("/WorkerProtocol/poison-strikes", test_poison_strikes);
  g_test_add_func ("/WorkerProtocol/reply-faults", test_reply_faults);
  g_test_add_func ("/WorkerProtocol/input-blame", test_input_blame);
  g_test_add_func ("/WorkerProtocol/poison-predecessor", test_poison_predecessor);
  g_test_add_func ("/WorkerProtocol/poison-close-clean", test_poison_close_clean);
  g_test_add_func ("/WorkerProtocol/poison-decay", test_poison_decay);
  g_test_add_func ("/WorkerProtocol/poison-odd-paths", test_poison_odd_paths);
  g_test_add_func ("/WorkerProtocol/poison-instances", test_poison_instances);
  g_test_add_func ("/WorkerProtocol/poison-corrupt-files", test_poison_corrupt_files);
  g_test_add_func ("/WorkerProtocol/poison-unwritable", test_poison_unwritable);
  g_test_add_func ("/WorkerProtocol/poison-policy", test_poison_policy);

  return g_test_run ();
}
