/* vitrine-feed-politeness.h: when the feed role may ask a host, and when a feed is asked
 * again after it failed (issue 11 item 1). Per host: at most one request every 3 s; a 429
 * holds the host for its Retry-After (else 15 min), a 401 or 403 for at least 30 min, a
 * 5xx for 60 s doubling with each 5xx in a row. Per feed: after 3 failures in a row it
 * pauses 60·2^(n−1) s (n failures in a row, at most a day); the count is forgotten after
 * 24 h without a failure. Pure: times are passed in, in seconds on a monotonic clock.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define VITRINE_POLITE_HOST_SPACING_S   3.0
#define VITRINE_POLITE_429_DEFAULT_S    (15.0 * 60)
#define VITRINE_POLITE_DENIED_MIN_S     (30.0 * 60)
#define VITRINE_POLITE_5XX_INITIAL_S    60.0
#define VITRINE_POLITE_PAUSE_AFTER      3
#define VITRINE_POLITE_BACKOFF_BASE_S   60.0
#define VITRINE_POLITE_BACKOFF_MAX_S    (24.0 * 3600)
#define VITRINE_POLITE_HEALTHY_RESET_S  (24.0 * 3600)

/* What one fetch came to, as far as politeness goes. */
typedef enum
{
  VITRINE_FETCH_OUTCOME_OK,            /* 2xx or 304 */
  VITRINE_FETCH_OUTCOME_RATE_LIMITED,  /* 429 */
  VITRINE_FETCH_OUTCOME_DENIED,        /* 401, 403 */
  VITRINE_FETCH_OUTCOME_SERVER_ERROR,  /* 5xx */
  VITRINE_FETCH_OUTCOME_FAILED,        /* anything else: network, 4xx, too large, unparsable */
} VitrineFetchOutcome;

typedef struct
{
  double not_before;   /* no request to the host before this */
  guint  errors_5xx;   /* 5xx answers in a row */
} VitrineHostState;

typedef struct
{
  guint    failures;       /* in a row (forgotten after a healthy day) */
  gboolean paused;         /* 3 or more failures in a row, and none since */
  double   backoff_s;      /* the current pause, 0 when not paused */
  double   not_before;     /* the feed is not fetched before this */
  double   last_failure;   /* < 0 never */
} VitrineFeedHealth;

VitrineFetchOutcome vitrine_fetch_outcome_from_status (guint                    status,
                                                       gboolean                 ok);
const char         *vitrine_fetch_outcome_to_string   (VitrineFetchOutcome      outcome);

void                vitrine_host_state_init           (VitrineHostState        *host);
double              vitrine_host_state_ready_at       (const VitrineHostState  *host,
                                                       double                   now);
void                vitrine_host_state_note_request   (VitrineHostState        *host,
                                                       double                   now);
void                vitrine_host_state_note_outcome   (VitrineHostState        *host,
                                                       VitrineFetchOutcome      outcome,
                                                       double                   retry_after_s,
                                                       double                   now);

void                vitrine_feed_health_init          (VitrineFeedHealth       *health);
void                vitrine_feed_health_note_outcome  (VitrineFeedHealth       *health,
                                                       VitrineFetchOutcome      outcome,
                                                       double                   now);
gboolean            vitrine_feed_health_due           (const VitrineFeedHealth *health,
                                                       double                   now);

G_END_DECLS
