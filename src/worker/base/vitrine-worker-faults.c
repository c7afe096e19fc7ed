/* vitrine-worker-faults.c
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "vitrine-worker-faults.h"

static const struct {
  const char       *name;
  VitrineFaultKind  kind;
} kinds[] = {
  { "crash", VITRINE_FAULT_CRASH },
  { "hang", VITRINE_FAULT_HANG },
  { "slow", VITRINE_FAULT_SLOW },
  { "garbage", VITRINE_FAULT_GARBAGE },
  { "oversize", VITRINE_FAULT_OVERSIZE },
  { "unsealed", VITRINE_FAULT_UNSEALED },
  { "short", VITRINE_FAULT_SHORT },
  { "lie", VITRINE_FAULT_LIE },
  { "stale", VITRINE_FAULT_STALE },
  { "error-cancelled", VITRINE_FAULT_ERROR_CANCELLED },
  { "error-closed", VITRINE_FAULT_ERROR_CLOSED },
  { "emfile", VITRINE_FAULT_EMFILE },
  { "hello-cancelled", VITRINE_FAULT_HELLO_CANCELLED },
  { "hello-closed", VITRINE_FAULT_HELLO_CLOSED },
  { "resize", VITRINE_FAULT_RESIZE },
  { "extra-fds", VITRINE_FAULT_EXTRA_FDS },
  { "fd-index", VITRINE_FAULT_FD_INDEX },
};

static gboolean
is_hello_fault (const VitrineFault *fault)
{
  return fault->kind == VITRINE_FAULT_HELLO_CANCELLED || fault->kind == VITRINE_FAULT_HELLO_CLOSED;
}

static void
fault_free (gpointer data)
{
  VitrineFault *fault = data;

  g_free (fault->input);
  g_free (fault);
}

static gboolean
parse_number (const char *text,
              guint      *value)
{
  guint64 parsed;

  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT, &parsed, NULL))
    return FALSE;
  *value = (guint) parsed;
  return TRUE;
}

static VitrineFault *
parse_one (const char  *text,
           GError     **error)
{
  g_autofree char *spec = g_strstrip (g_strdup (text));
  g_autofree VitrineFault *fault = g_new0 (VitrineFault, 1);
  char *when, *arg;

  if ((when = strchr (spec, '@')) != NULL)
    {
      *when++ = '\0';
      if (!parse_number (when, &fault->nth) || fault->nth == 0)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "fault “%s”: @%s is not a request number from 1", text, when);
          return NULL;
        }
    }
  else if ((when = strchr (spec, '=')) != NULL)
    {
      *when++ = '\0';
      fault->input = g_strdup (when);
    }

  if ((arg = strchr (spec, ':')) != NULL)
    {
      *arg++ = '\0';
      if (!parse_number (arg, &fault->arg))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "fault “%s”: “%s” is not a number", text, arg);
          return NULL;
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (spec, kinds[i].name))
      fault->kind = kinds[i].kind;

  if (fault->kind == VITRINE_FAULT_NONE)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "fault “%s”: unknown kind “%s”", text, spec);
      g_clear_pointer (&fault->input, g_free);
      return NULL;
    }

  return g_steal_pointer (&fault);
}

GPtrArray *
vitrine_faults_parse (const char  *spec,
                      GError     **error)
{
  g_autoptr(GPtrArray) faults = g_ptr_array_new_with_free_func (fault_free);
  g_auto(GStrv) parts = g_strsplit (spec != NULL ? spec : "", ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      VitrineFault *fault;

      if (*g_strstrip (parts[i]) == '\0')
        continue;
      fault = parse_one (parts[i], error);
      if (fault == NULL)
        return NULL;
      g_ptr_array_add (faults, fault);
    }

  return g_steal_pointer (&faults);
}

/* The first fault that applies to request number @request_number on @input, or NULL. */
const VitrineFault *
vitrine_faults_match (GPtrArray  *faults,
                      guint       request_number,
                      const char *input)
{
  for (guint i = 0; faults != NULL && i < faults->len; i++)
    {
      const VitrineFault *fault = g_ptr_array_index (faults, i);

      if (is_hello_fault (fault))
        continue;
      if (fault->nth != 0 && fault->nth != request_number)
        continue;
      if (fault->input != NULL && g_strcmp0 (fault->input, input) != 0)
        continue;
      return fault;
    }

  return NULL;
}

/* The first fault for the handshake, or NULL. */
const VitrineFault *
vitrine_faults_match_hello (GPtrArray *faults)
{
  for (guint i = 0; faults != NULL && i < faults->len; i++)
    if (is_hello_fault (g_ptr_array_index (faults, i)))
      return g_ptr_array_index (faults, i);

  return NULL;
}
